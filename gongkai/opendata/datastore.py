"""The DataStore: each tabular resource version loaded into its own table (`ods_r<id>_v<version>`),
streamed from the file (PostgreSQL: COPY; SQLite: executemany in batches), and read back in the
CKAN `datastore_search` shape on both databases.

Safe SQL: columns in the database are named c1..cN by position (the names people typed never reach
SQL); every field, filter and sort name is looked up in the resource's stored schema and refused
when absent; every value is a bound parameter."""
import json

from django.db import connection, transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError
from gongkai.review.masking import mask

from .tabular import Table, TabularError, converter, parse_date

BATCH = 5000
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_INDEXES = 6
_SQL_TYPES = {
    "postgresql": {"integer": "bigint", "number": "double precision", "date": "date", "text": "text"},
    "sqlite": {"integer": "integer", "number": "real", "date": "text", "text": "text"},
}


class DataStoreError(UserFacingError):
    def __init__(self, message, *, column: str = ""):
        super().__init__(message)
        self.column = column  # the column whose value did not fit its type, when that is the cause


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def table_name(resource) -> str:
    return f"ods_r{int(resource.pk)}_v{int(resource.version)}"


def active_columns(resource) -> list[dict]:
    """The schema entries stored in the DataStore (a removed column is not)."""
    removed = {name for name, how in (resource.treatment or {}).items() if how == "remove"}
    return [c for c in resource.schema if c["name"] not in removed]


def _maskers(resource) -> dict:
    """{column name: function} for the columns a reviewer chose to mask (by the kinds the scan found)."""
    kinds = {f["column"]: f["kinds"] for f in resource.scan or []}
    out = {}
    for name, how in (resource.treatment or {}).items():
        if how == "mask":
            kind = (kinds.get(name) or ["other"])[0]
            out[name] = (lambda v, k=kind: mask(k, v) if v else v)
    return out


def drop_table(name: str) -> None:
    if name:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {q(name)}")


def datastore_load(resource, path) -> int:
    """Load `path` (the resource's file) into a fresh table for the resource's current version.
    Returns the row count. A value that does not fit its column's type stops the load with the row
    and column named (change the type to 文本 in the data dictionary and load again)."""
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    columns = active_columns(resource)
    if not columns:
        raise DataStoreError(_("数据字典中没有可载入的列。"))
    name = table_name(resource)
    positions = {c["name"]: i for i, c in enumerate(resource.schema)}
    picks = [positions[c["name"]] for c in columns]
    maskers = _maskers(resource)
    convs = []
    for c in columns:
        conv = None if c["type"] == "text" else converter(c["type"])
        if conv is not None and c["type"] == "date" and vendor == "sqlite":
            conv = (lambda v, f=conv: f(v).isoformat() if v else None)  # ISO text sorts as dates do
        m = maskers.get(c["name"])
        if m and conv:
            conv = (lambda v, conv=conv, m=m: m(conv(v)))
        convs.append(m if m and conv is None else conv)
    plain = [conv is None for conv in convs]
    types = _SQL_TYPES[vendor]
    col_sql = ", ".join(f"{q(c['column'])} {types[c['type']]}" for c in columns)
    names_sql = ", ".join(q(c["column"]) for c in columns)
    count = 0
    with transaction.atomic(), Table(path, resource.format, encoding=resource.encoding) as table:
        drop_table(name)
        with connection.cursor() as cur:
            id_type = "bigserial" if vendor == "postgresql" else "integer"
            cur.execute(f"CREATE TABLE {q(name)} ({q('_id')} {id_type} PRIMARY KEY, {col_sql})")
        rows = table.rows()

        def converted():
            nonlocal count
            work = list(zip(picks, convs, plain))
            for row in rows:
                count += 1
                try:
                    yield [row[i] if p else f(row[i]) for i, f, p in work]
                except ValueError:
                    bad = next(c["name"] for c, f, i in zip(columns, convs, picks) if f and _fails(f, row[i]))
                    raise DataStoreError(_("第 %(n)d 行“%(col)s”列的值“%(v)s”不是%(type)s；请在数据字典中把该列改为文本后重新载入。")
                                         % {"n": table.line, "col": bad, "v": row[positions[bad]][:40],
                                            "type": _type_label(columns, bad)}, column=bad) from None

        connection.ensure_connection()
        raw = connection.connection.cursor()
        if vendor == "postgresql":
            with raw.copy(f"COPY {q(name)} ({names_sql}) FROM STDIN") as copy:
                for values in converted():
                    copy.write_row(values)
        else:
            marks = ", ".join("?" for _c in columns)
            sql = f"INSERT INTO {q(name)} ({names_sql}) VALUES ({marks})"
            batch = []
            for values in converted():
                batch.append(values)
                if len(batch) >= BATCH:
                    raw.executemany(sql, batch)
                    batch.clear()
            if batch:
                raw.executemany(sql, batch)
        raw.close()
        with connection.cursor() as cur:
            for c in [c for c in columns if c.get("indexed", True)][:MAX_INDEXES]:
                cur.execute(f"CREATE INDEX {q(name + '_' + c['column'])} ON {q(name)} ({q(c['column'])})")
            # Statistics, so that a filter on two indexed columns uses the selective one (区县 has a few
            # values, 站点 many). SQLite samples at most 1,000 rows per index.
            if vendor == "sqlite":
                cur.execute("PRAGMA analysis_limit=1000")
            cur.execute(f"ANALYZE {q(name)}")
    return count


def _fails(f, value) -> bool:
    try:
        f(value)
        return False
    except ValueError:
        return True


def _type_label(columns, name):
    from .tabular import TYPE_LABELS

    return next(TYPE_LABELS[c["type"]] for c in columns if c["name"] == name)


# ---- reading -----------------------------------------------------------------------------------

def _field_map(resource) -> dict:
    return {c["name"]: c for c in active_columns(resource)}


def _value(column: dict, value):
    if value is None:
        return None
    text = str(value).strip()
    try:
        if column["type"] == "date":
            d = parse_date(text)
            return d if connection.vendor == "postgresql" else d.isoformat()
        return converter(column["type"])(text)
    except ValueError:
        raise DataStoreError(_("字段“%(f)s”的筛选值“%(v)s”格式不正确。") % {"f": column["name"], "v": text[:40]}) from None


def _where(resource, fields: dict, filters: dict | None, text: str) -> tuple[str, list]:
    clauses, params = [], []
    for key, wanted in (filters or {}).items():
        column = fields.get(key)
        if column is None:
            raise DataStoreError(_("筛选字段不存在：%(f)s") % {"f": str(key)[:60]})
        values = wanted if isinstance(wanted, list) else [wanted]
        if not values or len(values) > 100:
            raise DataStoreError(_("字段“%(f)s”的筛选值应为 1 到 100 个。") % {"f": key})
        converted = [_value(column, v) for v in values]
        if len(converted) == 1:
            clauses.append(f"{q(column['column'])} = %s")
        else:
            clauses.append(f"{q(column['column'])} IN ({', '.join('%s' for _v in converted)})")
        params += converted
    text = (text or "").strip()
    if text:
        text_cols = [c for c in fields.values() if c["type"] == "text"]
        if not text_cols:
            raise DataStoreError(_("该资源没有文本列，无法全文检索。"))
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        op = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
        parts = [f"{q(c['column'])} {op} %s ESCAPE '\\'" for c in text_cols]
        clauses.append("(" + " OR ".join(parts) + ")")
        params += [pattern] * len(parts)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order(fields: dict, sort: str) -> str:
    parts = []
    for item in (sort or "").split(","):
        item = item.strip()
        if not item:
            continue
        name, _sp, direction = item.rpartition(" ") if item.lower().endswith((" asc", " desc")) else (item, "", "asc")
        column = fields.get(name.strip())
        if column is None:
            raise DataStoreError(_("排序字段不存在：%(f)s") % {"f": name.strip()[:60]})
        # NULLS LAST on both databases (SQLite would put them first ascending, PostgreSQL last).
        parts.append(f"{q(column['column'])} {'DESC' if direction.lower() == 'desc' else 'ASC'} NULLS LAST")
    parts.append(q("_id") + " ASC")
    return " ORDER BY " + ", ".join(parts)


def _row_out(chosen: list[dict], row) -> dict:
    out = {"_id": row[0]}
    for c, v in zip(chosen, row[1:]):
        out[c["name"]] = v.isoformat() if hasattr(v, "isoformat") else v
    return out


def _chosen(fields: dict, names) -> list[dict]:
    if not names:
        return list(fields.values())
    unknown = [n for n in names if n not in fields]
    if unknown:
        raise DataStoreError(_("字段不存在：%(f)s") % {"f": "、".join(n[:60] for n in unknown[:5])})
    return [fields[n] for n in names]


def datastore_search(resource, *, filters: dict | None = None, q_text: str = "", sort: str = "",
                     limit: int = DEFAULT_LIMIT, offset: int = 0, fields: list[str] | None = None,
                     with_total: bool = True) -> dict:
    """Rows of the resource's table in the CKAN `datastore_search` result shape."""
    if not resource.datastore_table:
        raise DataStoreError(_("该资源尚未载入数据库。"))
    fmap = _field_map(resource)
    if isinstance(filters, str):
        try:
            filters = json.loads(filters) if filters.strip() else {}
        except ValueError:
            raise DataStoreError(_("filters 应为 JSON 对象。")) from None
    if not isinstance(filters or {}, dict):
        raise DataStoreError(_("filters 应为 JSON 对象。"))
    if not 0 <= limit <= MAX_LIMIT or offset < 0:
        raise DataStoreError(_("limit 应在 0 到 %(m)d 之间，offset 不能为负数。") % {"m": MAX_LIMIT})
    chosen = _chosen(fmap, fields)
    where, params = _where(resource, fmap, filters, q_text)
    table = q(resource.datastore_table)
    cols = ", ".join([q("_id")] + [q(c["column"]) for c in chosen])
    with connection.cursor() as cur:
        cur.execute(f"SELECT {cols} FROM {table}{where}{_order(fmap, sort)} LIMIT %s OFFSET %s",
                    params + [limit, offset])
        records = [_row_out(chosen, r) for r in cur.fetchall()]
        total = None
        if with_total:
            if not where:
                total = resource.row_count
            else:
                cur.execute(f"SELECT COUNT(*) FROM {table}{where}", params)
                total = cur.fetchone()[0]
    return {"resource_id": resource.pk, "fields": [{"id": "_id", "type": "int"}]
            + [{"id": c["name"], "type": c["type"], "info": {"unit": c.get("unit", ""), "notes": c.get("description", "")}}
               for c in chosen],
            "records": records, "total": total, "limit": limit, "offset": offset,
            "filters": filters or {}, "q": q_text, "sort": sort}


def datastore_iter(resource, *, filters=None, q_text: str = "", fields=None, chunk: int = 5000):
    """(header, rows iterator) over every matching row, fetched in keyset chunks by `_id` (constant
    memory on both databases)."""
    fmap = _field_map(resource)
    chosen = _chosen(fmap, fields)
    where, params = _where(resource, fmap, filters, q_text)
    table = q(resource.datastore_table)
    cols = ", ".join([q("_id")] + [q(c["column"]) for c in chosen])
    glue = " AND " if where else " WHERE "

    def rows():
        last = 0
        while True:
            with connection.cursor() as cur:
                cur.execute(f"SELECT {cols} FROM {table}{where}{glue}{q('_id')} > %s ORDER BY {q('_id')} LIMIT %s",
                            params + [last, chunk])
                batch = cur.fetchall()
            if not batch:
                return
            for r in batch:
                yield [v.isoformat() if hasattr(v, "isoformat") else v for v in r[1:]]
            last = batch[-1][0]

    return [c["name"] for c in chosen], rows()


def datastore_preview(resource, rows: int = 100) -> dict | None:
    if not resource.datastore_table:
        return None
    return datastore_search(resource, limit=rows, with_total=False)


__all__ = ["datastore_load", "datastore_search", "datastore_iter", "datastore_preview", "DataStoreError",
           "TabularError", "drop_table", "table_name"]
