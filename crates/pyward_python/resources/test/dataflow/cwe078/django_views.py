import os
import shlex
import subprocess

from django.http import HttpResponse


def ping(request):
    host = request.GET.get("host")
    os.system("ping -c 1 " + host)  # expect: PW351
    os.system("ping -c 1 " + shlex.quote(host))  # safe: PW351
    subprocess.run(["ping", "-c", "1", host])  # safe: PW351
    return HttpResponse("done")


def archive(request, name):
    subprocess.check_output(f"tar czf /tmp/{name}.tgz /srv/data", shell=True)  # expect: PW351
    return HttpResponse("ok")


class Tools:
    def __init__(self, request):
        self.request = request

    def run(self, command):
        return subprocess.Popen(command, shell=True)

    def handle(self, request):
        self.run(request.POST["cmd"])  # expect: PW351
        self.run("uptime")  # safe: PW351
