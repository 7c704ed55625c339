"""A document's file goes when the document goes (or is replaced), once the transaction commits.

Deleting a session deletes its documents one by one (post_delete is sent for each),
so the session's files go too. Until the commit nothing is removed: a rolled-back
delete keeps its file.
"""

from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from meetings.models import Document
from meetings.uploads import delete_file_on_commit


@receiver(post_delete, sender=Document)
def remove_deleted_documents_file(sender, instance, **kwargs):
    delete_file_on_commit(instance.file.storage, instance.file.name)


@receiver(pre_save, sender=Document)
def remove_replaced_file(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = Document.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if old and old != instance.file.name:
        delete_file_on_commit(instance.file.storage, old)
