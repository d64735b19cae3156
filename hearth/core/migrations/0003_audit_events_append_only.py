"""On PostgreSQL, refuse UPDATE and DELETE on the audit table: the log is append-only.

SQLite has no such trigger here; there the rule rests on the code (no service updates audit rows).
"""

from django.db import migrations

FORBID = [
    """
    CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER core_auditevent_append_only
        BEFORE UPDATE OR DELETE ON core_auditevent
        FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()
    """,
]

ALLOW = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
]


def forbid_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORBID:
            schema_editor.execute(statement, params=None)


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ALLOW:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_events")]

    operations = [migrations.RunPython(forbid_changes, allow_changes)]
