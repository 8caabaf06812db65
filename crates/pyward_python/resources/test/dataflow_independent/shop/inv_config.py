"""Settings shared by the inventory web app, API, file server and tools."""

DATABASE_PATH = "/var/lib/inventory/inventory.db"
UPLOAD_DIR = "/var/lib/inventory/uploads"
EXPORT_DIR = "/var/lib/inventory/exports"
DOCS_DIR = "/srv/inventory/docs"
FILES_ROOT = "/srv/inventory/public"
CATALOGUE_PATH = "/srv/inventory/catalogue.xml"

LDAP_URL = "ldap://directory.internal:389"
LDAP_BASE_DN = "ou=people,dc=example,dc=com"

MAX_PAGE_SIZE = 200
MAX_BODY_BYTES = 1024 * 1024
MAX_MESSAGE_BYTES = 64 * 1024

# Column names a client may sort by, mapped to the real column.
SORT_COLUMNS = {"name": "name", "price": "unit_price", "stock": "quantity"}

SUPPORTED_LANGUAGES = ("en", "de", "fr", "nl")

ALLOWED_REDIRECTS = {"/", "/dashboard", "/items", "/orders"}

PARTNER_APIS = {
    "acme": "https://api.acme.example/v2",
    "globex": "https://partners.globex.example/api",
}

IMAGE_HOSTS = {"images.acme.example", "cdn.globex.example"}

CONVERTERS = {
    "pdf": "/usr/bin/libreoffice --headless --convert-to pdf",
    "csv": "/usr/local/bin/xlsx2csv",
}

VOLUMES = {
    "uploads": UPLOAD_DIR,
    "exports": EXPORT_DIR,
    "docs": DOCS_DIR,
}

DIAGNOSTIC_TOOLS = ("git", "convert", "pg_dump")

PRICING_RULES = {
    "retail": "cost * 1.35",
    "wholesale": "cost * 1.12",
    "clearance": "max(cost * 0.9, 1)",
}
