"""Uploaded files, exports and generated reports."""
import os

from jinja2 import Template
from werkzeug.utils import secure_filename

from inv_config import EXPORT_DIR, UPLOAD_DIR

DEFAULT_REPORT = """
<h1>{{ title }}</h1>
<table>
{% for item in items %}<tr><td>{{ item.sku }}</td><td>{{ item.name }}</td><td>{{ item.quantity }}</td></tr>
{% endfor %}
</table>
"""


def upload_path(filename):
    return os.path.join(UPLOAD_DIR, secure_filename(filename))


def resolve_inside(base, relative):
    """Absolute path of `relative` under `base`, or None when it would leave `base`."""
    root = os.path.realpath(base)
    full = os.path.realpath(os.path.join(root, relative))
    if not full.startswith(root + os.sep):
        return None
    return full


def read_export(name):
    with open(os.path.join(EXPORT_DIR, name), encoding="utf-8") as handle:
        return handle.read()


def delete_upload(name):
    os.remove(os.path.join(UPLOAD_DIR, name))


def default_report_template():
    return DEFAULT_REPORT


def render_report(template_source, context):
    return Template(template_source, autoescape=True).render(**context)
