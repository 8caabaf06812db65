import ldap
import ldap3
from ldap.filter import escape_filter_chars
from lxml import etree
from flask import Flask, request

app = Flask(__name__)
BASE = "dc=example,dc=com"


@app.route("/ldap")
def directory():
    user = request.args["user"]
    conn = ldap.initialize("ldap://localhost")
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=%s)" % user)  # expect: PW755
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(user))  # safe: PW755
    server = ldap3.Connection("ldap://localhost")
    server.search(BASE, "(cn=" + user + ")")  # expect: PW755
    return "ok"


@app.route("/xpath")
def xpath():
    tree = etree.parse("users.xml")
    name = request.args["name"]
    tree.xpath("//user[name='" + name + "']")  # expect: PW756
    tree.xpath("//user[name=$name]", name=name)  # safe: PW756
    etree.XPath("//item[@id='" + request.args["id"] + "']")  # expect: PW756
    return "ok"


@app.route("/xml", methods=["POST"])
def xml():
    etree.fromstring(request.data)  # expect: PW252
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    etree.fromstring(request.data, parser=parser)  # safe: PW252
    etree.fromstring(b"<a/>")  # safe: PW252
    return "ok"


@app.route("/xml/entities", methods=["POST"])
def xml_entities():
    parser = etree.XMLParser(resolve_entities=True)
    etree.fromstring(request.data, parser=parser)  # expect: PW252
    etree.fromstring(request.data, parser=etree.XMLParser(no_network=False))  # expect: PW252
    parser = etree.XMLParser(resolve_entities=False)
    etree.fromstring(request.data, parser=parser)  # safe: PW252
    return "ok"
