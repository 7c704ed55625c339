"""Time the official PDFs, and draw page 1 of the 48th session's Arabic agenda for the README.

Runs on a throw-away SQLite database of its own (the demo data plus one session of
300 agenda items, half of them sub-items, each with an outcome, a document and a resolution with a
reservation, and a report published in both languages):

    .venv/bin/python bench/pdf_bench.py [--rounds 5] [--png docs/screenshots/pdf-agenda-48-ar.png]

For each PDF it prints the time to make it (HTML, then WeasyPrint) and the time to
serve it again from the cache (the HTML is still built: its digest is the cache key).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp()) / "pdf_bench.sqlite3"
os.environ.update(DEBUG="1", DATABASE_URL=f"sqlite:///{DATABASE}", DJANGO_SETTINGS_MODULE="council.settings")

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from council.models import Body, MemberState  # noqa: E402
from meetings import pdf  # noqa: E402
from meetings.demo import load_demo  # noqa: E402
from meetings.models import AgendaItem, Document, Reservation, Resolution, Session  # noqa: E402
from meetings.reports import save_report  # noqa: E402
from meetings.tracking import Outcome, Report  # noqa: E402


def big_session(items):
    body = Body.objects.get(slug="telecom-committee")
    now = timezone.now()
    session = Session.objects.create(body=body, number=300, publication="published", published_at=now,
                                     outcomes_published_at=now, status="held", city_ar="تونس", city_en="Tunis",
                                     start_date=timezone.localdate())
    main = None
    states = list(MemberState.objects.all())
    for order in range(1, items + 1):
        item = AgendaItem.objects.create(
            session=session, order=order, parent=main if order % 2 == 0 else None,
            title_ar=f"متابعة تنفيذ القرارات المتعلقة بالأمن السيبراني وحوكمة الإنترنت، البند {order}",
            title_en=f"Follow-up of the resolutions on cybersecurity and internet governance, item {order}")
        main = item if order % 2 else main
        resolution = Resolution.objects.create(
            session=session, agenda_item=item, number=order, title_ar=f"قرار بشأن البند {order}",
            title_en=f"Resolution on item {order}",
            text_ar="يقرر المجلس اعتماد ما ورد في الورقة وتكليف الأمانة العامة بمتابعته.",
            text_en="The council adopts the paper and asks the General Secretariat to follow it up.")
        Reservation.objects.create(resolution=resolution, member_state=states[order % len(states)],
                                   text_ar="تحفظ على الفقرة الثانية", text_en="Reservation on the second paragraph")
        Document.objects.create(session=session, agenda_item=item, visibility="public",
                                title_ar=f"ورقة عمل {order}", title_en=f"Working paper {order}",
                                file=ContentFile(b"%PDF", name=f"paper-{order}.pdf"))
        Outcome.objects.create(agenda_item=item, decision="adopted",
                               summary_ar="ناقش المجلس الورقة وأقر ما ورد فيها.",
                               summary_en="The council discussed the paper and adopted it.")
    for language in ("ar", "en"):
        report = Report(session=session, language=language)
        for state in ("draft", "review", "final", "published"):
            report = save_report(report, None, state=state, opening="…", speeches="…", closing="…")
    return session


def timed(function, rounds):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def measure(label, session, kind, language, rounds):
    def fresh():
        cache.clear()
        pdf.render_pdf(session, kind, language)

    content, _ = pdf.render_pdf(session, kind, language)
    made = timed(fresh, rounds)
    pdf.render_pdf(session, kind, language)
    cached = timed(lambda: pdf.render_pdf(session, kind, language), rounds)
    html = timed(lambda: pdf.render_html(session, kind, language), rounds)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(f"{label} ({language}): {pages} pages, {len(content) / 1024:.0f} KB; "
          f"made in {made[0]:.2f} s (min {made[1]:.2f}, max {made[2]:.2f}); "
          f"from the cache {cached[0] * 1000:.0f} ms, of which HTML {html[0] * 1000:.0f} ms", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--png", default=str(ROOT / "docs" / "screenshots" / "pdf-agenda-48-ar.png"))
    options = parser.parse_args()
    reason = pdf.unavailable_reason()
    if reason:
        sys.exit(reason)
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as media:
        from django.conf import settings

        settings.MEDIA_ROOT = media
        session_48 = load_demo()
        big = big_session(options.items)
        for label, session, kind in (("48th session, agenda", session_48, "agenda"),
                                     (f"{options.items}-item agenda", big, "agenda"),
                                     (f"{options.items}-item session, outcomes", big, "outcomes"),
                                     (f"{options.items}-item session, report", big, pdf.REPORT)):
            for language in ("ar", "en"):
                measure(label, session, kind, language, options.rounds)
        content, _ = pdf.render_pdf(session_48, "agenda", "ar")
        page = pypdfium2.PdfDocument(content)[0]
        page.render(scale=1.5).to_pil().save(options.png)
        print(f"Page 1 of the 48th session's Arabic agenda: {options.png}")


if __name__ == "__main__":
    main()
