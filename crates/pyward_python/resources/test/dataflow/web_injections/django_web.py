from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe


def greet(request):
    name = request.GET.get("name", "")
    return HttpResponse("<b>" + name + "</b>")  # expect: PW752


def greet_safe(request):
    name = request.GET.get("name", "")
    return HttpResponse("<b>" + escape(name) + "</b>")  # safe: PW752


def banner(request):
    return mark_safe(request.POST["banner"])  # expect: PW752


def after_login(request):
    target = request.GET.get("next")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={"example.com"}):
        return HttpResponseRedirect(target)  # safe: PW754
    return redirect(target)  # expect: PW754


def remember(request):
    request.session["lang"] = request.GET["lang"]  # expect: PW757
    return HttpResponse("ok")
