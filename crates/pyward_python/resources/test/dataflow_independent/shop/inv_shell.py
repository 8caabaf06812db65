"""Wrappers around the external programs the inventory service uses."""
import os
import shlex
import subprocess

from inv_config import CONVERTERS


def convert_document(source, fmt):
    """Convert an uploaded spreadsheet with the converter configured for `fmt`."""
    tool = CONVERTERS[fmt]
    outdir = os.path.dirname(source)
    completed = subprocess.run(f"{tool} --outdir {outdir} {source}", shell=True, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr)
    return completed.stdout


def archive_directory(path, destination):
    command = "tar czf {} -C {} .".format(shlex.quote(destination), shlex.quote(path))
    return subprocess.call(command, shell=True)


def disk_usage(path):
    with os.popen("du -sh " + path) as pipe:
        output = pipe.read()
    return output.split()[0] if output else "?"


def ping_host(host):
    result = subprocess.run(["ping", "-c", "1", "-W", "2", "--", host], capture_output=True, text=True)
    return result.returncode == 0


def run_tool(name, *arguments):
    """Run a diagnostic program and return its first line of output."""
    result = subprocess.run([name, *arguments], capture_output=True, text=True, timeout=10)
    lines = result.stdout.splitlines()
    return lines[0] if lines else ""


def print_label(printer, label_file):
    os.system("lp -d %s %s" % (shlex.quote(printer), shlex.quote(label_file)))
