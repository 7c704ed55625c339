"""The secretariat's roles: Django groups Editor, Publisher and Administrator.

A migration creates them and every migrate refreshes their permissions (a new
model's permissions join its role), so giving someone a role is only putting
them in its group. Staff with no role see nothing: neither the admin's records
nor anything unpublished on the site.
"""

from django.utils.translation import gettext_lazy as _

EDITOR, PUBLISHER, ADMINISTRATOR = "Editor", "Publisher", "Administrator"

# name: (translated name, description)
ROLES = {
    EDITOR: (_("Editor"), _(
        "Enters and changes sessions, agendas, resolutions, participants, documents, dossiers and people, "
        "drafts included, and restores earlier versions; cannot publish or withdraw.")),
    PUBLISHER: (_("Publisher"), _(
        "An editor who also publishes a session's agenda and outcomes, and withdraws them.")),
    ADMINISTRATOR: (_("Administrator"), _(
        "A publisher who also manages accounts (staff and delegates), their roles, member states, "
        "bodies and memberships.")),
}

CRUD = ("add", "change", "delete", "view")
CONTENT = {"meetings": ("session", "agendaitem", "resolution", "reservation", "participation", "document",
                        "dossier", "outcome", "followupaction", "statusupdate", "report", "reportrevision"),
           "council": ("person",)}
STRUCTURE = {"council": ("memberstate", "body", "membership")}
ACCOUNTS = {"auth": ("user",), "council": ("delegate",)}


def role_permissions():
    """{role name: {(app_label, codename)}}. History records are read by every role."""
    def crud(models_by_app, actions=CRUD):
        return {(app, f"{action}_{model}") for app, models in models_by_app.items()
                for model in models for action in actions}

    def history(models_by_app):
        return {(app, f"view_historical{model}") for app, models in models_by_app.items() for model in models}

    editor = (crud(CONTENT) | crud(STRUCTURE, ["view"]) | history(CONTENT) | history(STRUCTURE)
              | {("meetings", "view_unpublished")})
    publisher = editor | {("meetings", "publish_session")}
    administrator = publisher | crud(STRUCTURE) | crud(ACCOUNTS) | {("auth", "view_group")}
    return {EDITOR: editor, PUBLISHER: publisher, ADMINISTRATOR: administrator}


def refresh_roles(group_model, permission_model, using="default"):
    """Create the three groups if missing and set their permissions to exactly what their role grants.

    Takes the models as arguments so that a migration can pass its historical ones.
    Permissions not created yet (a model added later) are skipped; the next migrate adds them.
    """
    by_key = {(app, codename): pk for pk, app, codename in permission_model.objects.using(using).values_list(
        "pk", "content_type__app_label", "codename")}
    for name, wanted in role_permissions().items():
        group, _created = group_model.objects.using(using).get_or_create(name=name)
        group.permissions.set([by_key[key] for key in wanted if key in by_key])


def role_of(user):
    """The translated name of the user's highest role, or None."""
    names = set(user.groups.values_list("name", flat=True))
    for name in (ADMINISTRATOR, PUBLISHER, EDITOR):
        if name in names:
            return ROLES[name][0]
    return None
