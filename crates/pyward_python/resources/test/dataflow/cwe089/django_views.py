from django.db import connection
from django.http import JsonResponse

from .models import Person


def people(request):
    last = request.GET["last"]
    rows = Person.objects.raw("SELECT * FROM person WHERE last = '%s'" % last)  # expect: PW751
    safe_rows = Person.objects.raw("SELECT * FROM person WHERE last = %s", [last])  # safe: PW751
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM person WHERE id = {request.POST['id']}")  # expect: PW751
        cursor.execute("DELETE FROM person WHERE id = %s", [request.POST["id"]])  # safe: PW751
    return JsonResponse({"n": len(list(rows)) + len(list(safe_rows))})
