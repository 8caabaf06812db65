import ctypes
import zipfile
import rexec


def nul_truncation():
    buffer = ctypes.create_string_buffer(8)
    buffer.value = b"a\0bc1234"
    print("Original value => %r" % (buffer.raw,))
    print("Interpreted value => %r" % (buffer.value,))


def unpack(upload, dest):
    zipfile.ZipFile(upload).extractall(dest)


def run_plugin(code):
    exec(code)
