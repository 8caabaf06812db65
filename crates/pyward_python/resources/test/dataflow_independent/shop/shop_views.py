"""Order, catalogue and staff views of the shop back office (Django)."""
import importlib
import logging
import subprocess

import ldap
import yaml
from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from ldap.filter import escape_filter_chars
from lxml import etree
from shop.models import Coupon, Order

from inv_config import CATALOGUE_PATH, LDAP_BASE_DN, LDAP_URL

logger = logging.getLogger("inventory.shop")

CATALOGUE = etree.parse(CATALOGUE_PATH)  # safe: PW252
EXPORT_SERIALIZERS = ("json", "csv", "xml.etree.ElementTree")


# --- orders ---------------------------------------------------------------


def order_search(request):
    email = request.GET.get("email", "").strip()
    status = request.GET.get("status")
    if not email:
        return JsonResponse({"orders": []})
    if status:
        orders = Order.objects.raw("SELECT * FROM shop_order WHERE customer_email = %s AND status = %s", [email, status])  # safe: PW751
    else:
        orders = Order.objects.raw(f"SELECT * FROM shop_order WHERE customer_email = '{email}'")  # expect: PW751
    return JsonResponse({"orders": [order.reference for order in orders]})


def order_totals(request):
    try:
        year = int(request.GET.get("year", "2024"))
    except ValueError:
        return JsonResponse({"error": "year must be a number"}, status=400)
    with connection.cursor() as cursor:
        cursor.execute("SELECT status, COUNT(*), SUM(total) FROM shop_order WHERE created_year = %d GROUP BY status" % year)  # safe: PW751
        rows = cursor.fetchall()
    return JsonResponse({"totals": [list(row) for row in rows]})


class OrderListView(View):
    def get(self, request):
        orders = Order.objects.all()
        region = self.request.GET.get("region")
        if region:
            orders = orders.extra(where=[f"shipping_region = '{region}'"])  # expect: PW751
        vip_threshold = request.GET.get("vip", "1000")
        orders = orders.annotate(vip=RawSQL("CASE WHEN total > %s THEN 1 ELSE 0 END", (vip_threshold,)))  # safe: PW751
        return JsonResponse({"orders": [{"reference": o.reference, "vip": o.vip} for o in orders[:100]]})


def order_status(request, reference):
    order = Order.objects.filter(reference=reference).first()
    if order is None:
        return HttpResponse(f"<p>Order <b>{reference}</b> was not found.</p>", status=404)  # expect: PW752
    return JsonResponse({"reference": order.reference, "status": order.status})


def track_parcel(request):
    code = request.GET.get("code", "")
    return HttpResponse(f"<p>Parcel <code>{escape(code)}</code>: no tracking updates yet.</p>")  # safe: PW752


def cancel_order(request):
    Order.objects.filter(reference=request.POST["reference"]).update(status="cancelled")
    return HttpResponseRedirect(request.POST.get("return_to", "/orders/"))  # expect: PW754


def continue_to(request):
    target = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)  # safe: PW754
    return HttpResponseRedirect("/")  # safe: PW754


def export_orders(request):
    name = request.GET.get("serializer", "json")
    if name in EXPORT_SERIALIZERS:
        serializer = importlib.import_module(name)  # safe: PW151
    else:
        serializer = importlib.import_module("json")  # safe: PW151
    return JsonResponse({"serializer": serializer.__name__})


def export_orders_legacy(request):
    serializer = importlib.import_module(request.GET.get("serializer", "json"))  # expect: PW151
    return JsonResponse({"serializer": serializer.__name__})


class InvoicePdfView(View):
    def get(self, request):
        invoice = self.request.GET.get("invoice", "")
        subprocess.run(f"wkhtmltopdf /srv/invoices/{invoice}.html /srv/invoices/pdf/{invoice}.pdf", shell=True, check=True)  # expect: PW351
        return JsonResponse({"pdf": f"/media/invoices/{invoice}.pdf"})

    def post(self, request):
        invoice = int(request.POST["invoice"])
        paper = request.POST.get("paper", "A4")
        paper = "A4"  # only A4 stationery is stocked; the field is ignored for now
        subprocess.run(f"wkhtmltopdf --page-size {paper} /srv/invoices/{invoice}.html /srv/invoices/pdf/{invoice}.pdf", shell=True, check=True)  # safe: PW351
        return JsonResponse({"pdf": f"/media/invoices/{invoice}.pdf"})


# --- imports --------------------------------------------------------------


def import_price_list(request):
    if request.method != "POST":
        return JsonResponse({"error": "POST only"}, status=405)
    document = yaml.load(request.body, Loader=yaml.Loader)  # expect: PW251
    prices = document.get("prices", {})
    return JsonResponse({"received": len(prices)})


def import_stock_levels(request):
    if request.method != "POST":
        return JsonResponse({"error": "POST only"}, status=405)
    levels = yaml.safe_load(request.body) or {}  # safe: PW251
    return JsonResponse({"received": len(levels)})


# --- coupons and session --------------------------------------------------


def apply_coupon(request):
    code = request.POST.get("coupon", "").upper()
    basket_id = int(request.POST.get("basket", "0"))
    if not Coupon.objects.filter(code=code, active=True).exists():
        logger.warning("rejected coupon " + code + " for basket " + str(basket_id))  # expect: PW758
        return JsonResponse({"ok": False}, status=400)
    logger.info("coupon applied to basket %d", basket_id)  # safe: PW758
    request.session["coupon"] = "applied"  # safe: PW757
    return JsonResponse({"ok": True})


def set_discount(request):
    """Called by the checkout page when a sales rep grants a discount."""
    request.session["discount_rate"] = request.POST.get("discount", "0")  # expect: PW757
    return JsonResponse({"ok": True})


# --- catalogue and staff directory ----------------------------------------


def catalogue_entry(request, sku):
    names = CATALOGUE.xpath(f"//product[@sku='{sku}']/name/text()")  # expect: PW756
    return JsonResponse({"names": [str(name) for name in names]})


def catalogue_by_brand(request):
    brand = request.GET.get("brand", "")
    skus = CATALOGUE.xpath("//product[@brand=$brand]/@sku", brand=brand)  # safe: PW756
    return JsonResponse({"skus": [str(sku) for sku in skus]})


def _directory():
    conn = ldap.initialize(LDAP_URL)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def staff_lookup(request):
    username = request.GET.get("username", "")
    conn = _directory()
    try:
        results = conn.search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={username}))", ["cn", "mail"])  # expect: PW755
    finally:
        conn.unbind_s()
    return JsonResponse({"entries": [dn for dn, _attrs in results]})


def staff_by_mail(request):
    mail = request.GET.get("mail", "")
    conn = _directory()
    try:
        query = "(&(objectClass=person)(mail=%s))" % escape_filter_chars(mail)
        results = conn.search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ["cn"])  # safe: PW755
    finally:
        conn.unbind_s()
    return JsonResponse({"entries": [dn for dn, _attrs in results]})
