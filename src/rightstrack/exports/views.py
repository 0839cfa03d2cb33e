"""Downloads of any filtered list as CSV, XLSX or JSONL; same selectors and filters as the list pages."""

import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone

from rightstrack.audit.models import AuditEvent
from rightstrack.audit.services import audit_record
from rightstrack.core.spreadsheets import FORMATS, csv_lines, jsonl_lines, write_xlsx
from rightstrack.exports.services import EXPORTS, export_rows


def export(request, kind, fmt):
    """Stream the list `kind` as the visitor sees it, filtered by the query string."""
    if kind not in EXPORTS or fmt not in FORMATS:
        raise Http404
    headers, _total, rows = export_rows(kind=kind, user=request.user, params=request.GET)
    if request.user.is_authenticated:  # a signed-in reader's export holds unpublished records
        audit_record(kind=AuditEvent.Kind.EXPORT, request=request, target=f"{kind}.{fmt}",
                     detail={"query": request.GET.urlencode()})
    filename = f"{kind}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        # openpyxl needs a seekable file; spool it to disk past 10 MB so memory stays bounded.
        handle = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)
        write_xlsx(headers, rows, handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=filename, content_type=FORMATS[fmt])
    lines = csv_lines(headers, rows) if fmt == "csv" else jsonl_lines(headers, rows)
    response = StreamingHttpResponse((line.encode() for line in lines), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
