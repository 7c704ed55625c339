"""Signals other parts of the project listen to (notifications, cached pages).

Both are sent once the change has been committed, so a listener never acts on a
publication that was rolled back.
"""

from django.dispatch import Signal

# A step of a session's publication was published: session=, step="agenda" or "outcomes", user=.
session_published = Signal()

# A session was withdrawn from publication: session=, user=, reason=.
session_withdrawn = Signal()
