"""OKR files in and out of the database (okr-file-format.md).

One exporter and one importer, shared by the CLI (`bearing import|export`),
the HTTP API and the pages, so a file means the same thing everywhere.
"""

from bearing.okrs.io.export import export_csv, export_yaml, file_name
from bearing.okrs.io.importer import ImportFailed, ImportResult, import_okr_file

__all__ = [
    "ImportFailed",
    "ImportResult",
    "export_csv",
    "export_yaml",
    "file_name",
    "import_okr_file",
]
