# Python 2 helpers from the talks.
import cPickle
import commands
import urllib2
from Cookie import SmartCookie


def load(path):
    fin = open(path, 'rb')
    try:
        return cPickle.load(fin)
    except Exception, ex:
        print "###### ERROR-READ ######", ex
        raise


def disk_usage(folder):
    return commands.getoutput("du -sh " + folder)


def fetch(url):
    # urllib2 without a timeout hangs forever on a silent server.
    return urllib2.urlopen(url).read()


def session(raw):
    return SmartCookie(raw)
