#!/usr/bin/env python3
"""An independent DuckDB implementation of SPEC sections 2-4.1: reads a pipeline's exports and
writes the same metrics.csv as `referral-funnel run`, and beside it pages.csv and campaigns.csv.

It is the benchmark's peer (what an analyst would write instead of our pipeline) and a
cross-check of our numbers, so it follows the spec's sentences rather than our Swift code.
DuckDB does the row work (JSON Lines, timestamps, snapshots, metrics); Python only reads the
configs, hashes files, splits CSV records (DuckDB's CSV reader cannot say which line a row
came from, and file and line order decide snapshots) and normalizes the few distinct names.

Usage: python3 bench/duckdb_peer.py PIPELINE_YML --out metrics.csv [--as-of TS]

Writes metrics.csv (SPEC 4) to the --out path, and pages.csv and campaigns.csv (SPEC 4.1)
under those names in the same folder as that path, replacing files of those names there.

Where the spec leaves room, the choice made here is marked "Reading:" in a comment.
"""
import argparse
import csv
import glob
import hashlib
import os
import re
import sys
import tempfile
import time
from fractions import Fraction
from dataclasses import dataclass, field

import duckdb
import yaml

WEB, INTAKE, SCHEDULING = "web", "intake", "scheduling"
FEEDS = (WEB, INTAKE, SCHEDULING)

# Canonical columns (SPEC 2.2-2.4) the metrics need, with the required ones and the
# timestamp columns of each feed. Descriptive columns no metric reads are not loaded.
COLUMNS = {
    WEB: ["ts", "event", "session_id", "page", "referrer", "utm_source", "submission_id",
          "utm_medium", "utm_campaign"],
    INTAKE: ["referral_id", "received_at", "referring_practice", "referring_npi", "patient_id",
             "submission_id", "missing_items", "status", "confirmed_at", "updated_at"],
    SCHEDULING: ["appointment_id", "referral_id", "patient_id", "booked_at", "starts_at", "status",
                 "note_sent_at", "updated_at"],
}
REQUIRED = {
    WEB: ["ts", "event", "session_id"],
    INTAKE: ["referral_id", "received_at", "status"],
    SCHEDULING: ["appointment_id", "patient_id", "booked_at", "starts_at", "status"],
}
TIMESTAMPS = {
    WEB: {"ts": True},  # column -> required
    INTAKE: {"received_at": True, "confirmed_at": False, "updated_at": False},
    SCHEDULING: {"booked_at": True, "starts_at": True, "note_sent_at": False, "updated_at": False},
}
VALUES = {
    WEB: ["page_view", "form_start", "form_submit", "form_error"],
    INTAKE: ["received", "accepted", "declined", "returned", "cancelled"],
    SCHEDULING: ["scheduled", "completed", "no_show", "cancelled", "rescheduled"],
}
METRIC_COLUMNS = [
    "sessions", "form_starts", "form_submits", "referrals", "complete", "returned", "accepted",
    "confirmed", "confirmed_within_sla", "median_hours_to_confirm", "scheduled",
    "median_days_to_first_appointment", "p90_days_to_first_appointment", "completed",
    "no_show_appointments", "attended_appointments", "closed_loop", "stalled",
]
HOUR_US, DAY_US = 3_600_000_000, 86_400_000_000


class PeerError(Exception):
    pass


@dataclass
class Feed:
    patterns: list
    columns: dict = field(default_factory=dict)  # canonical -> export name
    values: dict = field(default_factory=dict)  # export value -> canonical status or event
    formats: dict = field(default_factory=dict)  # canonical timestamp column -> format


@dataclass
class Config:
    timezone: str
    site_domains: list
    registry: list
    sla_hours: float
    followup_days: float
    stall_days: float
    link_window_days: float
    max_reject_rate: float
    feeds: dict


def load_config(path):
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    folder = os.path.dirname(os.path.abspath(path))

    def resolve(relative):
        return os.path.normpath(os.path.join(folder, relative))

    feeds = {}
    for kind in FEEDS:
        # A practice without one kind of export leaves that feed out: it has no files.
        spec = document["feeds"].get(kind) or {"files": []}
        patterns = spec["files"] if isinstance(spec["files"], list) else [spec["files"]]
        formats = {column: str(value) for column, value in (spec.get("timestamp_formats") or {}).items()}
        for column, value in formats.items():
            if value not in ("auto", "automatic", "iso8601", "us", "excel_serial"):
                raise PeerError(f"{path}: feeds.{kind}.timestamp_formats.{column}: the peer reads "
                                f"iso8601, us and excel_serial, not the pattern '{value}'")
        feeds[kind] = Feed(
            patterns=[resolve(pattern) for pattern in patterns],
            columns={str(k): str(v) for k, v in (spec.get("columns") or {}).items()},
            values={str(k): str(v) for k, v in (spec.get("event_values" if kind == WEB else "status_values") or {}).items()},
            formats=formats,
        )
    with open(resolve(document["sources"]), encoding="utf-8") as handle:
        registry = (yaml.safe_load(handle) or {}).get("sources") or []
    return Config(
        timezone=document["timezone"],
        site_domains=[str(domain) for domain in document.get("site_domains") or []],
        registry=registry,
        sla_hours=float(document.get("sla_hours", 24)),
        followup_days=float(document.get("followup_days", 7)),
        stall_days=float(document.get("stall_days", 14)),
        link_window_days=float(document.get("link_window_days", 90)),
        max_reject_rate=float(document.get("max_reject_rate", 0.05)),
        feeds=feeds,
    )


# ---------------------------------------------------------------------------------------
# SPEC 3: name normalization (run in Python over the few distinct names).

TRAILING_WORDS = {"pc", "pllc", "llc", "inc", "pa", "ltd", "md"}


def normalize_name(text):
    text = text.lower()
    if text.startswith("www."):
        text = text[4:]
    text = text.replace("&", " and ").replace(".", "")
    # Reading: "letters and digits" are Unicode letters (str.isalpha) and decimal digits.
    text = "".join(ch if ch.isalpha() or ch.isdecimal() else " " for ch in text)
    words = text.split()
    while len(words) > 1 and words[-1] in TRAILING_WORDS:
        words.pop()
    return " ".join(words)


# ---------------------------------------------------------------------------------------
# SPEC 2: files. File order is lexicographic path order within a feed; a file whose content
# was already seen (same SHA-256) in the feed is read once.

def feed_files(feed):
    paths = sorted({path for pattern in feed.patterns for path in glob.glob(pattern, recursive=True)
                    if os.path.isfile(path)})
    seen, unique = set(), []
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha256(data).digest()
        if digest not in seen:
            seen.add(digest)
            unique.append((path, data))
    return unique


def invalid_utf8_as_marker(error):
    # A byte sequence that is not UTF-8 makes its row unusable; the marker is never valid
    # JSON or a valid cell, so the row is quarantined like any malformed one.
    return "\uffff", error.end


import codecs  # noqa: E402  (registered next to the handler it names)
codecs.register_error("peer-invalid-utf8", invalid_utf8_as_marker)
INVALID_UTF8 = "\uffff"


# ---------------------------------------------------------------------------------------
# SPEC 2.3/2.4: RFC 4180 records. Cells and header names are trimmed of spaces.

QUOTED_CELL = re.compile(r'[ \t]*"((?:[^"]|"")*)"[ \t]*(,|\Z)', re.DOTALL)
PLAIN_CELL = re.compile(r'([^",]*)(,|\Z)')
UNCLOSED_CELL = re.compile(r'[ \t]*"(?:[^"]|"")*\Z', re.DOTALL)
OPEN = object()  # the record stops inside a quoted cell: it goes on past this line end


def split_record(record):
    """The trimmed cells of a record, OPEN, or None when it is not RFC 4180 (a quote inside
    an unquoted cell, text after a closing quote, bytes that are not UTF-8)."""
    if '"' not in record:
        return None if INVALID_UTF8 in record else [cell.strip(" \t") for cell in record.split(",")]
    cells, position = [], 0
    while True:
        match = QUOTED_CELL.match(record, position) or PLAIN_CELL.match(record, position)
        if match is None:
            return OPEN if UNCLOSED_CELL.match(record, position) else None
        value, separator = match.groups()
        if match.re is QUOTED_CELL:
            value = value.replace('""', '"')
        # Reading: a quoted cell is trimmed too ("cells are trimmed"), after unquoting.
        cells.append(value.strip(" \t"))
        if not separator:
            return None if INVALID_UTF8 in record else cells
        position = match.end()


def csv_records(text, check_every_record=False):
    """(line number, cells or None when malformed) for each record that is not blank.

    The C csv reader splits the records. Python's reader takes a quote inside an unquoted
    cell as text and rejects spaces after a closing quote, so a record it rejects or whose
    cells hold a quote is split again by split_record, which follows RFC 4180 exactly."""
    lines = text.split("\n")
    reader = csv.reader((line + "\n" for line in lines), strict=True, skipinitialspace=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            cells = None
        end = reader.line_num
        if cells is None or check_every_record or '"' in "".join(cells):
            record = "\n".join(lines[start - 1:end])
            cells = split_record(record[:-1] if record.endswith("\r") else record)
            cells = None if cells is OPEN else cells
        if cells is None or len(cells) > 1 or cells and cells[0].strip():  # blank lines are not rows
            yield start, cells
        start = end + 1


def write_csv_feed(kind, feed, files, first_index, out_path):
    """Writes one normalized row per record: file, line, whether the record has the header's
    shape, then the canonical cells. Returns the files whose header lacks a required column."""
    names = [feed.columns.get(column, column) for column in COLUMNS[kind]]
    required = [feed.columns.get(column, column) for column in REQUIRED[kind]]
    held = set()
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        empty = [""] * len(names)
        for file_idx, (path, data) in enumerate(files, start=first_index):
            try:
                records = csv_records(data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                records = csv_records(data.decode("utf-8-sig", errors="peer-invalid-utf8"), check_every_record=True)
            header = next((cells for _, cells in records), None)
            header = header and [name.strip(" \t") for name in header]
            if header is None or any(name not in header for name in required):
                held.add(file_idx)
                continue
            positions = [header.index(name) if name in header else None for name in names]
            for line_no, cells in records:
                if cells is None or len(cells) != len(header):
                    writer.writerow([file_idx, line_no, 0] + empty)
                else:
                    writer.writerow([file_idx, line_no, 1] + ["" if p is None else cells[p].strip(" \t") for p in positions])
    return held


# ---------------------------------------------------------------------------------------
# SPEC 2.1: timestamps, parsed in SQL. Instants are BIGINT microseconds since the epoch.

ISO_PATTERN = (r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})"
               r"(?::([0-9]{2})(?:\.([0-9]+))?)?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$")
US_PATTERN = (r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"
              r"(?: (?:([0-9]{2}):([0-9]{2})|([0-9]{1,2}):([0-9]{2}) (AM|PM)))?$")


EMPTY = "''"


def sql_literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def timestamp_macros(timezone):
    zone = sql_literal(timezone)
    return f"""
    -- Offset from UTC in force at an instant, in microseconds (the session time zone is UTC).
    create or replace macro utc_offset_us(instant) as
        epoch_us(timezone({zone}, make_timestamp(instant)::timestamptz)) - instant;

    -- A wall-clock time in the pipeline's zone: its first occurrence when it occurs twice, and
    -- the offset in force before the gap when it never occurs (SPEC 2.1). The offsets a day
    -- before and a day after bracket any transition near it; the earlier one is right unless
    -- it does not reproduce the wall time while the later one does. (ICU's own conversion
    -- picks the second occurrence of an ambiguous time, so it is not used directly.)
    create or replace macro local_to_instant(wall) as
        case
            when utc_offset_us(wall - utc_offset_us(wall - {DAY_US})) = utc_offset_us(wall - {DAY_US})
              or utc_offset_us(wall - utc_offset_us(wall + {DAY_US})) <> utc_offset_us(wall + {DAY_US})
            then wall - utc_offset_us(wall - {DAY_US})
            else wall - utc_offset_us(wall + {DAY_US})
        end;

    create or replace macro days_in_month(y, m) as
        case when m = 2 then case when (y % 4 = 0 and y % 100 <> 0) or y % 400 = 0 then 29 else 28 end
             when m in (4, 6, 9, 11) then 30 else 31 end;

    -- Parsing runs in three steps so that no step repeats an earlier one's work (a macro
    -- argument is pasted wherever it is used): the shape's fields by regular expression, then
    -- the wall clock (local_us, offset_minutes) of valid fields, then the instant.
    create or replace macro iso_fields(text) as regexp_extract(text, '{ISO_PATTERN}',
        ['y', 'mo', 'd', 'h', 'mi', 's', 'fraction', 'zone']);
    create or replace macro us_fields(text) as regexp_extract(text, '{US_PATTERN}',
        ['mo', 'd', 'y', 'h24', 'mi24', 'h12', 'mi12', 'meridiem']);

    create or replace macro wall_clock(y, mo, d, h, mi, s, micros, offset_minutes, valid) as
        case when valid and mo between 1 and 12 and d between 1 and days_in_month(y, mo)
                  and h <= 23 and mi <= 59 and s <= 59
        then {{'local_us': (make_date(y, mo, d) - date '1970-01-01')::bigint * {DAY_US} + h::bigint * {HOUR_US}
                           + mi::bigint * 60000000 + s::bigint * 1000000 + micros,
               'offset_minutes': offset_minutes}}
        end;

    create or replace macro iso_wall_clock(p) as
        case when p.y <> '' then wall_clock(
            p.y::int, p.mo::int, p.d::int,
            coalesce(nullif(p.h, '')::int, 0), coalesce(nullif(p.mi, '')::int, 0),
            coalesce(nullif(p.s, '')::int, 0),
            -- Reading: fractional digits beyond microseconds are dropped, not rounded.
            rpad(left(p.fraction, 6), 6, '0')::bigint,
            case when p.zone = '' then null when p.zone = 'Z' then 0
                 else (case when p.zone[1] = '-' then -1 else 1 end)
                      * (p.zone[2:3]::int * 60 + coalesce(nullif(replace(p.zone[4:], ':', ''), '')::int, 0))
            end,
            p.zone in ('', 'Z') or (p.zone[2:3]::int <= 23
                                    and coalesce(nullif(replace(p.zone[4:], ':', ''), '')::int, 0) <= 59))
        end;

    create or replace macro us_wall_clock(p) as
        case when p.y <> '' then wall_clock(
            p.y::int, p.mo::int, p.d::int,
            case when p.h24 <> '' then p.h24::int when p.h12 = '' then 0
                 else nullif(p.h12, '')::int % 12 + case when p.meridiem = 'PM' then 12 else 0 end end,
            coalesce(nullif(p.mi24, '')::int, nullif(p.mi12, '')::int, 0), 0, 0, null,
            p.h12 = '' or coalesce(nullif(p.h12, '')::int between 1 and 12, false))
        end;

    -- Excel serials: days since 1899-12-30, local time; rounded to the millisecond since a
    -- serial's binary fraction rarely lands on a whole second.
    create or replace macro excel_wall_clock(text) as
        case when regexp_full_match(text, '[0-9]+(\\.[0-9]+)?')
        then {{'local_us': round((text::double - 25569) * 86400000)::bigint * 1000, 'offset_minutes': null::int}} end;

    create or replace macro instant_of(wall) as
        case when wall.offset_minutes is null then local_to_instant(wall.local_us)
             else wall.local_us - wall.offset_minutes::bigint * 60000000 end;

    -- One value in any shape (for --as-of and tests; columns use the steps above).
    create or replace macro parse_auto(text) as
        instant_of(coalesce(iso_wall_clock(iso_fields(text)), us_wall_clock(us_fields(text))));

    -- ISO week (Monday start) of an instant in the pipeline's zone.
    create or replace macro iso_week(instant) as
        strftime(timezone({zone}, make_timestamp(instant)::timestamptz), '%G-W%V');
    """


def with_instants(query, forms):
    """Wraps `query` so that each timestamp text column named in `forms` (column -> format)
    holds its instant instead (NULL when empty or not of an accepted shape)."""
    columns = list(forms)
    fields, walls = [], []
    for column, form in forms.items():
        if form in ("auto", "automatic", "iso8601"):
            fields.append(f"iso_fields({column}) as {column}__iso")
        if form in ("auto", "automatic", "us"):
            fields.append(f"us_fields({column}) as {column}__us")
        wall = {"iso8601": f"iso_wall_clock({column}__iso)", "us": f"us_wall_clock({column}__us)",
                "excel_serial": f"excel_wall_clock({column})"}.get(
            form, f"coalesce(iso_wall_clock({column}__iso), us_wall_clock({column}__us))")
        walls.append(f"{wall} as {column}__wall")
    helpers = [f"{column}__{part}" for column in columns for part in ("iso", "us", "wall")
               if any(item.endswith(f" as {column}__{part}") for item in fields + walls)]
    return f"""
        with texts as ({query}),
        fields as (select *{"".join(", " + item for item in fields)} from texts),
        walls as (select *, {", ".join(walls)} from fields)
        select * exclude ({", ".join(helpers)})
               replace ({", ".join(f"instant_of({column}__wall) as {column}" for column in columns)})
        from walls
    """


def value_sql(kind, feed, expression):
    """A status or event mapped onto its canonical value (SPEC 6)."""
    if not feed.values:
        return expression
    cases = " ".join(f"when {sql_literal(k)} then {sql_literal(v)}" for k, v in feed.values.items())
    return f"case {expression} {cases} else {expression} end"


# ---------------------------------------------------------------------------------------
# Loading: one table of accepted rows per feed; rejected rows and held-back files dropped.

def load_web(con, feed, files, workdir, max_reject_rate):
    """SPEC 2.2: JSON Lines, read by DuckDB; line numbers from the split."""
    read_paths = []
    for number, (path, data) in enumerate(files):
        try:
            data.decode("utf-8")
            read_paths.append(path)
        except UnicodeDecodeError:
            copy = os.path.join(workdir, f"web-{number}.jsonl")
            with open(copy, "w", encoding="utf-8") as handle:
                handle.write(data.decode("utf-8", errors="peer-invalid-utf8"))
            read_paths.append(copy)
    con.execute("create or replace table web_files (file_idx integer, read_path varchar)")
    insert_rows(con, "insert into web_files values (?, ?)", list(enumerate(read_paths)))
    names = [feed.columns.get(column, column) for column in COLUMNS[WEB]]
    json_paths = ", ".join(sql_literal('$."' + name.replace('"', '\\"') + '"') for name in names)

    def text(index):
        # JSON values are not trimmed. Reading: a number is taken as its text; an object, list,
        # boolean or null is no value (SPEC 5: optional fields of those kinds load empty).
        value = f"fields[{index + 1}]"
        return (f"case when json_type({value}) = 'VARCHAR' then {value} ->> '$' "
                f"when json_type({value}) in ('BIGINT', 'UBIGINT', 'DOUBLE') then {value}::varchar end")

    event = value_sql(WEB, feed, text(1))
    events = f"""
        with split as (
            -- unnest in the select list: a lateral join would copy each file's text per line
            select filename, unnest(lines) as line, generate_subscripts(lines, 1) as line_no
            from (select filename, string_split(content, chr(10)) as lines from read_text(?))
        ),
        lines as (
            select web_files.file_idx, split.line_no,
                   -- Reading: a UTF-8 byte order mark may open a JSON Lines file too.
                   case when split.line_no = 1 then ltrim(split.line, chr(65279)) else split.line end as line
            from split inner join web_files on web_files.read_path = split.filename
        ),
        rows as (
            select file_idx, line_no, line,
                   case when json_valid(line) then json_type(line) = 'OBJECT' else false end as is_object
            from lines
            where not regexp_full_match(line, '[ \\t\\r\\f\\v]*')  -- blank lines are not rows
        ),
        fields as (
            select file_idx, line_no, is_object,
                   case when is_object then json_extract(line, [{json_paths}]) end as fields
            from rows
        )
        select file_idx, line_no, is_object,
               case when json_type(fields[1]) = 'VARCHAR' then fields[1] ->> '$' end as ts,  -- a string or bad
               {event} as event, {text(2)} as session_id, {text(3)} as page, {text(4)} as referrer,
               {text(5)} as utm_source, {text(6)} as submission_id,
               {text(7)} as utm_medium, {text(8)} as utm_campaign
        from fields
    """
    con.execute(f"""
        create or replace table web_events_raw as
        select *,
               not is_object or ts is null
               or coalesce(event not in ({", ".join(map(sql_literal, VALUES[WEB]))}), true)
               or coalesce(session_id, '') = ''
               or (event = 'page_view' and coalesce(page, '') = '')
               or (event = 'form_submit' and coalesce(submission_id, '') = '') as is_rejected
        from ({with_instants(events, {"ts": feed.formats.get("ts", "auto")})})
    """, [read_paths])
    con.execute(f"""
        create or replace view web_events as  -- a view: ten million events are not copied
        select * exclude (is_object, is_rejected) from web_events_raw
        where not is_rejected and file_idx not in (
            select file_idx from web_events_raw group by file_idx
            having avg(is_rejected::int) > {max_reject_rate})
    """)


def load_csv(con, kind, feed, files, first_index, workdir, max_reject_rate, stopwatch):
    """SPEC 2.3/2.4: records split in Python, typed and checked in DuckDB."""
    normalized = os.path.join(workdir, f"{kind}.csv")
    held_by_header = write_csv_feed(kind, feed, files, first_index, normalized)
    stopwatch.lap(f"{kind}: split records (Python)")
    columns = {"file_idx": "INTEGER", "line_no": "INTEGER", "has_shape": "INTEGER"}
    columns.update({column: "VARCHAR" for column in COLUMNS[kind]})
    column_spec = "{" + ", ".join(f"{sql_literal(k)}: {sql_literal(v)}" for k, v in columns.items()) + "}"
    cells = ", ".join(
        value_sql(kind, feed, f"nullif(status, {EMPTY})") + " as status" if column == "status"
        else f"nullif({column}, {EMPTY}) as {column}" for column in COLUMNS[kind])
    con.execute(f"""
        create or replace temp table {kind}_cells as
        select file_idx, line_no, has_shape, {cells}
        from read_csv({sql_literal(normalized)}, header = false, auto_detect = false,
                      columns = {column_spec}, quote = '"', escape = '"')
    """)
    # Snapshot rows repeat their timestamps, so each distinct text is parsed once per format.
    by_form = {}
    for column in TIMESTAMPS[kind]:
        by_form.setdefault(feed.formats.get(column, "auto"), []).append(column)
    joins, instants = [], []
    for number, (form, columns) in enumerate(by_form.items()):
        texts = " union ".join(f"select {column} as text from {kind}_cells" for column in columns)
        con.execute(f"""
            create or replace temp table {kind}_instants_{number} as
            {with_instants(f"select text, text as instant from ({texts}) where text is not null", {"instant": form})}
        """)
        for column in columns:
            joins.append(f"left join {kind}_instants_{number} as {column}__parsed "
                         f"on {column}__parsed.text = cells.{column}")
            instants.append(f"{column}__parsed.instant as {column}")
    problems = ["has_shape = 0"]
    problems += [f"{column} is null" for column in REQUIRED[kind]]  # also bad required timestamps
    problems.append(f"status not in ({', '.join(map(sql_literal, VALUES[kind]))})")
    con.execute(f"""
        create or replace table {kind}_raw as
        with typed as (
            select cells.* replace ({", ".join(instants)})
            from {kind}_cells as cells {" ".join(joins)}
        )
        select *, coalesce({" or ".join(problems)}, true) as is_rejected
        from typed
    """)
    held = ", ".join(str(index) for index in sorted(held_by_header)) or "-1"
    con.execute(f"""
        create or replace table {kind}_rows as
        select * exclude (has_shape, is_rejected) from {kind}_raw
        where not is_rejected and file_idx not in ({held}) and file_idx not in (
            select file_idx from {kind}_raw group by file_idx
            having avg(is_rejected::int) > {max_reject_rate})
    """)
    stopwatch.lap(f"{kind}: parse and check")


# ---------------------------------------------------------------------------------------
# SPEC 3 and 4 in SQL.

def register_names(con, table, values):
    """A table of distinct raw names with their normalized form (SPEC 3)."""
    rows = [(value, normalize_name(value)) for value in sorted(set(values))]
    con.execute(f"create or replace table {table} (raw varchar, normalized varchar)")
    if rows:
        insert_rows(con, f"insert into {table} values (?, ?)", rows)


def load_registry(con, config):
    aliases, npis = [], []
    for entry in config.registry:
        name = str(entry["name"])
        # Reading: a registry name is one of its own spellings for web values too.
        for spelling in [name] + [str(alias) for alias in entry.get("aliases") or []]:
            aliases.append((normalize_name(spelling), name))
            if re.fullmatch(r"[0-9]{10}", spelling):
                npis.append((spelling, name))
        npis.extend((str(npi), name) for npi in entry.get("npis") or [])
    con.execute("create or replace table registry_aliases (normalized varchar, source varchar, rank integer)")
    con.execute("create or replace table registry_npis (npi varchar, source varchar, rank integer)")
    # On a clash the earlier registry entry wins.
    insert_rows(con, "insert into registry_aliases values (?, ?, ?)", [(a, s, i) for i, (a, s) in enumerate(aliases)])
    insert_rows(con, "insert into registry_npis values (?, ?, ?)", [(n, s, i) for i, (n, s) in enumerate(npis)])
    con.execute("""create or replace table aliases as
                   select normalized, arg_min(source, rank) as source from registry_aliases group by normalized""")
    con.execute("""create or replace table npis as
                   select npi, arg_min(source, rank) as source from registry_npis group by npi""")
    site = sorted({normalize_name(domain) for domain in config.site_domains})
    con.execute("create or replace table site_domains (normalized varchar)")
    insert_rows(con, "insert into site_domains values (?)", [(d,) for d in site])


def build_sessions(con):
    """SPEC 3: a session's web value from its first event (by ts, file order, line)."""
    con.execute("""
        create or replace table sessions as
        with per_session as (
            select session_id,
                   arg_min({'ts': ts, 'file_idx': file_idx, 'line_no': line_no, 'utm_source': utm_source,
                            'page': page, 'referrer': referrer}, (ts, file_idx, line_no)) as first_event,
                   bool_or(event = 'page_view') as has_page_view,
                   bool_or(event = 'form_start') as has_form_start,
                   bool_or(event = 'form_submit') as has_form_submit
            from web_events group by session_id
        ),
        query_utm as (
            select *,
                   -- the first utm_source parameter of the page's query string (from the first
                   -- '?' before any '#' to the next '#'); empty = none
                   nullif(regexp_extract('&' || regexp_extract(first_event.page, '^[^?#]*\\?([^#]*)', 1),
                                         '&utm_source=([^&]*)', 1), '') as encoded_utm
            from per_session
        )
        select session_id, first_event.ts as first_ts, first_event.file_idx, first_event.line_no,
               has_page_view, has_form_start, has_form_submit,
               coalesce(nullif(first_event.utm_source, ''),
                        coalesce(try(url_decode(replace(encoded_utm, '+', ' '))), encoded_utm)) as utm,
               -- Reading: a host only from a URL with a scheme (scheme://[user@]host[:port]/...).
               nullif(lower(regexp_extract(first_event.referrer,
                                           '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)', 1)), '') as host
        from query_utm
    """)
    register_names(con, "host_names", [row[0] for row in con.execute(
        "select distinct host from sessions where utm is null and host is not null").fetchall()])
    con.execute("""
        create or replace table sessions as
        select sessions.*,
               case when utm is not null then utm
                    when host is not null and host_names.normalized not in (select normalized from site_domains)
                    then host end as web_value
        from sessions left join host_names on host_names.raw = sessions.host
    """)


def build_referrals(con):
    """SPEC 2.5: winning row, first-seen received_at and missing_items, status history."""
    con.execute("""
        create or replace table referrals as
        with ranked as (
            select *,
                   row_number() over (partition by referral_id order by file_idx, line_no) as seen_order,
                   row_number() over (partition by referral_id
                                      order by updated_at desc nulls last, file_idx desc, line_no desc) as win_order
            from intake_rows
        ),
        history as (
            select referral_id, bool_or(status = 'returned') as was_returned,
                   bool_or(status = 'accepted') as was_accepted
            from intake_rows group by referral_id
        ),
        first_seen as (
            select referral_id, received_at, missing_items, file_idx as first_file_idx, line_no as first_line_no
            from ranked where seen_order = 1
        ),
        winning as (
            select referral_id, referring_practice, referring_npi, patient_id, submission_id, status,
                   confirmed_at, file_idx as win_file_idx, line_no as win_line_no
            from ranked where win_order = 1
        )
        select * from first_seen
        inner join winning using (referral_id)
        inner join history using (referral_id)
    """)
    con.execute("""
        create or replace table appointments as
        select * exclude (win_order) from (
            select *, row_number() over (partition by appointment_id
                                         order by updated_at desc nulls last, file_idx desc, line_no desc) as win_order
            from scheduling_rows)
        where win_order = 1
    """)


def attribute_sources(con):
    """SPEC 3: the source of each session and referral, unregistered names grouped."""
    register_names(con, "web_names", [row[0] for row in con.execute(
        "select distinct web_value from sessions where web_value is not null").fetchall()])
    register_names(con, "practice_names", [row[0] for row in con.execute(
        "select distinct referring_practice from referrals where referring_practice is not null").fetchall()])
    register_names(con, "npi_names", [row[0] for row in con.execute(
        "select distinct 'NPI ' || referring_npi from referrals where referring_npi is not null").fetchall()])
    con.execute("""
        create or replace table session_values as
        select sessions.session_id, sessions.web_value, web_names.normalized, aliases.source as registered
        from sessions
        left join web_names on web_names.raw = sessions.web_value
        left join aliases on aliases.normalized = web_names.normalized
    """)
    con.execute("""
        create or replace table referral_values as
        with submitting_session as (
            -- the first form_submit carrying a submission decides its session
            select submission_id, arg_min(session_id, (ts, file_idx, line_no)) as session_id
            from web_events where event = 'form_submit' group by submission_id
        )
        select referrals.referral_id,
               case when npis.source is not null then 'registered'
                    when practice_aliases.source is not null then 'registered'
                    when referring_practice is not null then 'practice'
                    when referring_npi is not null then 'npi'
                    when submitting_session.session_id is not null then 'session'
                    else 'unattributed' end as rule,
               coalesce(npis.source, practice_aliases.source) as registered,
               case when referring_practice is not null then referring_practice
                    else 'NPI ' || referring_npi end as spelling,
               case when referring_practice is not null then practice_names.normalized
                    else npi_names.normalized end as normalized,
               submitting_session.session_id
        from referrals
        left join npis on npis.npi = referrals.referring_npi
        left join practice_names on practice_names.raw = referrals.referring_practice
        left join aliases as practice_aliases on practice_aliases.normalized = practice_names.normalized
        left join npi_names on npi_names.raw = 'NPI ' || referrals.referring_npi
        left join submitting_session on submitting_session.submission_id = referrals.submission_id
    """)
    con.execute("""
        create or replace table unregistered_names as
        with spellings as (
            select session_values.normalized, session_values.web_value as spelling,
                   sessions.first_ts as instant, 0 as feed_rank, sessions.file_idx, sessions.line_no
            from session_values inner join sessions using (session_id)
            where session_values.web_value is not null and session_values.registered is null
            union all
            -- an intake spelling is dated by received_at and placed by its winning row
            select referral_values.normalized, referral_values.spelling,
                   referrals.received_at, 1, referrals.win_file_idx, referrals.win_line_no
            from referral_values inner join referrals using (referral_id)
            where referral_values.rule in ('practice', 'npi')
        )
        select normalized, arg_min(spelling, (instant, feed_rank, file_idx, line_no)) as name
        from spellings group by normalized
    """)
    con.execute("""
        create or replace table session_sources as
        select session_values.session_id,
               case when session_values.web_value is null then '(direct)'
                    else coalesce(session_values.registered, unregistered_names.name) end as source
        from session_values
        left join unregistered_names using (normalized)
    """)
    con.execute("""
        create or replace table referral_sources as
        select referral_values.referral_id,
               case rule when 'registered' then registered
                         when 'session' then session_sources.source
                         when 'unattributed' then '(unattributed)'
                         else unregistered_names.name end as source
        from referral_values
        left join unregistered_names using (normalized)
        left join session_sources using (session_id)
    """)


def link_appointments(con, config):
    """SPEC 4: by referral_id when known, else the patient's latest referral received at most
    link_window_days before booking (on a tie, the referral first seen later)."""
    window = round(config.link_window_days * DAY_US)
    con.execute(f"""
        create or replace table linked_appointments as
        with by_id as (
            select appointments.*, referrals.referral_id as linked_referral_id
            from appointments inner join referrals using (referral_id)
        ),
        by_patient as (
            select appointments.*,
                   arg_max(referrals.referral_id,
                           (referrals.received_at, referrals.first_file_idx, referrals.first_line_no))
                       as linked_referral_id
            from appointments
            inner join referrals
                on referrals.patient_id = appointments.patient_id
               and referrals.received_at <= appointments.booked_at
               and appointments.booked_at - referrals.received_at <= {window}
            where appointments.appointment_id not in (select appointment_id from by_id)
            group by all
        )
        select * from by_id
        union all by name
        select * from by_patient
    """)


def funnel_rows(con, config, as_of):
    sla = round(config.sla_hours * HOUR_US)
    followup = round(config.followup_days * DAY_US)
    stall = round(config.stall_days * DAY_US)
    con.execute(f"""
        create or replace table referral_outcomes as
        with appointment_summary as (
            select linked_referral_id as referral_id,
                   min(starts_at) filter (where status not in ('cancelled', 'rescheduled')) as first_starts_at,
                   bool_or(status = 'completed') as has_completed,
                   bool_or(status = 'completed' and note_sent_at - starts_at <= {followup}) as has_closed_loop,
                   count(*) filter (where status = 'no_show') as no_show_count,
                   count(*) filter (where status = 'completed') as attended_count
            from linked_appointments group by linked_referral_id
        )
        select referrals.*, referral_sources.source, iso_week(referrals.received_at) as week,
               appointment_summary.referral_id is not null as is_scheduled,
               appointment_summary.first_starts_at,
               coalesce(appointment_summary.has_completed, false) as has_completed,
               coalesce(appointment_summary.has_closed_loop, false) as has_closed_loop,
               coalesce(appointment_summary.no_show_count, 0) as no_show_count,
               coalesce(appointment_summary.attended_count, 0) as attended_count
        from referrals
        inner join referral_sources using (referral_id)
        left join appointment_summary using (referral_id)
    """)
    return con.execute(f"""
        with web as (
            select iso_week(sessions.first_ts) as week, session_sources.source,
                   count(*) as sessions,
                   count(*) filter (where has_form_start) as form_starts,
                   count(*) filter (where has_form_submit) as form_submits
            from sessions inner join session_sources using (session_id)
            where has_page_view
            group by grouping sets ((week, source), (week))
        ),
        cohorts as (
            -- Durations go to Python as whole microseconds: medians and percentiles are taken
            -- there in exact arithmetic (see exact_quantile).
            select week, source,
                   count(*) as referrals,
                   count(*) filter (where missing_items is null) as complete,
                   count(*) filter (where was_returned) as returned,
                   count(*) filter (where was_accepted) as accepted,
                   count(confirmed_at) as confirmed,
                   count(*) filter (where confirmed_at - received_at <= {sla}) as confirmed_within_sla,
                   list(confirmed_at - received_at) filter (where confirmed_at is not null) as median_hours_to_confirm,
                   count(*) filter (where is_scheduled) as scheduled,
                   list(first_starts_at - received_at) filter (where first_starts_at is not null) as median_days_to_first_appointment,
                   list(first_starts_at - received_at) filter (where first_starts_at is not null) as p90_days_to_first_appointment,
                   count(*) filter (where has_completed) as completed,
                   sum(no_show_count) as no_show_appointments,
                   sum(attended_count) as attended_appointments,
                   count(*) filter (where has_completed and has_closed_loop) as closed_loop,
                   count(*) filter (where was_accepted and first_starts_at is null
                                    and {as_of} - received_at > {stall}) as stalled
            from referral_outcomes
            group by grouping sets ((week, source), (week))
        )
        select coalesce(web.week, cohorts.week) as week, coalesce(web.source, cohorts.source) as source,
               web.source is null and cohorts.source is null as is_all,
               {", ".join(METRIC_COLUMNS)}
        from web full outer join cohorts
          on web.week = cohorts.week and web.source is not distinct from cohorts.source
    """).fetchall()


# ---------------------------------------------------------------------------------------
# SPEC 4.1: the same sessions and referrals by landing page and by campaign.

PAGE_KEYS = {"pages.csv": ["landing_page"], "campaigns.csv": ["utm_source", "utm_medium", "utm_campaign"]}
PAGE_COUNTS = ["sessions", "form_starts", "form_submits", "referrals", "scheduled", "completed"]


def landing_sessions(con):
    """SPEC 4.1: per session with a page_view, its week (of its first event), landing page
    (the first page_view's page reduced to a path, id-like segments masked) and campaign
    (the first event's utm_source, utm_medium and utm_campaign, each the field, else the
    page's query string). Sessions without a page_view get no row: they count nowhere."""
    con.execute("""
        -- Reading: the query string is what follows the first '?' before any '#'; its first
        -- parameter of that name decides; '+' is a space, then %XX is decoded (a sequence
        -- that does not decode leaves the value as written); an empty value is none.
        create or replace macro query_parameter(page, name) as
            nullif(regexp_extract('&' || regexp_extract(page, '^[^?#]*\\?([^#]*)', 1),
                                  '&' || name || '=([^&]*)', 1), '');
        create or replace macro utm_value(value, page, name) as
            coalesce(nullif(value, ''),
                     coalesce(try(url_decode(replace(query_parameter(page, name), '+', ' '))),
                              query_parameter(page, name)));
        -- SPEC 3: a utm_source that is one of the pipeline's own names, as written after
        -- trimming, is a bad optional value taken as empty (so the query string is read next).
        create or replace macro own_name_as_none(value) as
            case when trim(value) in ('(all)', '(direct)', '(unattributed)') then null else value end;
        -- The path rules of 4.1 in their order. Reading: a host is removed only after a
        -- scheme; a page without one is a path as written.
        create or replace macro reduced_path(page) as
            regexp_replace(regexp_replace(page, '(?i)^https?://[^/?#]*', ''), '[?#](?s:.*)', '');
        create or replace macro trimmed_path(path) as
            case when path = '' then '/'
                 when path <> '/' and suffix(path, '/') then path[:-2]
                 else path end;
        create or replace macro masked_path(path) as
            array_to_string(list_transform(string_split(path, '/'),
                lambda segment: case when regexp_matches(segment, '@|%40|[0-9]{6}') then '{id}'
                                     else segment end), '/');
    """)
    con.execute("""
        create or replace table landing_sessions as
        with per_session as (
            select session_id,
                   arg_min({'ts': ts, 'page': page, 'utm_source': utm_source, 'utm_medium': utm_medium,
                            'utm_campaign': utm_campaign}, (ts, file_idx, line_no)) as first_event,
                   arg_min(page, (ts, file_idx, line_no)) filter (where event = 'page_view') as landing_page_raw,
                   bool_or(event = 'form_start') as has_form_start,
                   bool_or(event = 'form_submit') as has_form_submit
            from web_events group by session_id
        )
        select session_id, iso_week(first_event.ts) as week,
               masked_path(trimmed_path(reduced_path(landing_page_raw))) as landing_page,
               own_name_as_none(utm_value(own_name_as_none(first_event.utm_source), first_event.page,
                                          'utm_source')) as utm_source,
               utm_value(first_event.utm_medium, first_event.page, 'utm_medium') as utm_medium,
               utm_value(first_event.utm_campaign, first_event.page, 'utm_campaign') as utm_campaign,
               has_form_start, has_form_submit
        from per_session
        where landing_page_raw is not null
    """)
    # A referral came through the web when its winning row's submission_id was carried by a
    # form_submit; the first such event (ts, file order, line) gives its session. Its
    # scheduled and completed are those of SPEC 4 (referral_outcomes), in its received week.
    con.execute("""
        create or replace table landing_referrals as
        with first_submit as (
            select submission_id, arg_min(session_id, (ts, file_idx, line_no)) as session_id
            from web_events where event = 'form_submit' group by submission_id
        )
        select referral_outcomes.referral_id, referral_outcomes.week,
               referral_outcomes.is_scheduled, referral_outcomes.has_completed, landing_sessions.*
                   exclude (week, has_form_start, has_form_submit)
        from referral_outcomes
        inner join first_submit using (submission_id)
        inner join landing_sessions on landing_sessions.session_id = first_submit.session_id
    """)


def landing_rows(con, keys):
    """(week, key values..., counts...) per week and key, web counts in the session's week and
    referral counts in the referral's received week."""
    key_list = ", ".join(keys)
    same_key = " and ".join(f"web.{key} is not distinct from web_referrals.{key}" for key in keys)
    return con.execute(f"""
        with web as (
            select week, {key_list}, count(*) as sessions,
                   count(*) filter (where has_form_start) as form_starts,
                   count(*) filter (where has_form_submit) as form_submits
            from landing_sessions group by all
        ),
        web_referrals as (
            select week, {key_list}, count(*) as referrals,
                   count(*) filter (where is_scheduled) as scheduled,
                   count(*) filter (where has_completed) as completed
            from landing_referrals group by all
        )
        select coalesce(web.week, web_referrals.week),
               {", ".join(f"coalesce(web.{key}, web_referrals.{key})" for key in keys)},
               {", ".join(f"coalesce({column}, 0)" for column in PAGE_COUNTS)}
        from web full outer join web_referrals
          on web.week = web_referrals.week and {same_key}
    """).fetchall()


def write_csv(path, lines):
    """The whole file under a temporary name, then renamed into place; LF line ends."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(temporary, path)


def write_landing_tables(con, weeks, folder):
    """pages.csv and campaigns.csv: the weeks of metrics.csv, rows where a count is non-zero,
    sorted by week then each key's UTF-8 bytes (an absent value is an empty cell, first)."""
    landing_sessions(con)
    wanted = set(weeks)
    for name, keys in PAGE_KEYS.items():
        rows = [row for row in landing_rows(con, keys)
                if row[0] in wanted and any(row[1 + len(keys):])]
        rows.sort(key=lambda row: (row[0],) + tuple((value or "").encode("utf-8") for value in row[1:1 + len(keys)]))
        lines = [",".join(["week"] + keys + PAGE_COUNTS)]
        for row in rows:
            cells = [row[0]] + [value or "" for value in row[1:1 + len(keys)]] + [str(int(count)) for count in row[1 + len(keys):]]
            lines.append(",".join(csv_field(cell) for cell in cells))
        write_csv(os.path.join(folder, name), lines)


def data_bounds(con):
    """Earliest and latest instant of any data (SPEC 4)."""
    return con.execute("""
        select min(instant), max(instant) from (
            select ts as instant from web_events
            union all select received_at from referrals
            union all select booked_at from appointments)
    """).fetchone()


# ---------------------------------------------------------------------------------------

# Column -> (quantile, microseconds per unit).
DURATIONS = {"median_hours_to_confirm": (Fraction(1, 2), HOUR_US),
             "median_days_to_first_appointment": (Fraction(1, 2), DAY_US),
             "p90_days_to_first_appointment": (Fraction(9, 10), DAY_US)}


def exact_quantile(values, quantile):
    """Linear interpolation between the two nearest values (numpy.percentile's default),
    in fractions: in floating point a median exactly halfway, such as 12.375 h, can come out
    as 12.374999... and round down."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * quantile
    low = int(position)
    if low + 1 == len(ordered):
        return Fraction(ordered[low])
    return ordered[low] + (ordered[low + 1] - ordered[low]) * (position - low)


def insert_rows(con, sql, rows):
    """executemany that accepts an empty list (DuckDB refuses one; an empty feed is normal)."""
    rows = list(rows)
    if rows:
        con.executemany(sql, rows)


def two_decimals(value):
    """Reading: "two decimals" prints the exact value's nearest double with two decimals
    (Python's format, like C's printf, rounds that double's exact binary value half to
    even), which is what a float-based recomputation of the exact value shows."""
    return f"{float(value):.2f}"


def format_cell(column, value):
    if column in DURATIONS:
        if not value:
            return ""  # an empty set gives an empty cell
        quantile, unit = DURATIONS[column]
        return two_decimals(exact_quantile(value, quantile) / unit)
    return str(int(value or 0))


def csv_field(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


class Stopwatch:
    """Times the run's stages for --timings (the benchmark prints them)."""

    def __init__(self, enabled):
        self.enabled, self.last = enabled, time.perf_counter()

    def lap(self, stage):
        now = time.perf_counter()
        if self.enabled:
            print(f"duckdb_peer: {stage:<28} {now - self.last:8.2f} s", file=sys.stderr)
        self.last = now


def run(config_path, out_path, as_of_text=None, timings=False):
    stopwatch = Stopwatch(timings)
    config = load_config(config_path)
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    con.execute(timestamp_macros(config.timezone))
    with tempfile.TemporaryDirectory(prefix="duckdb-peer-") as workdir:
        web_files = feed_files(config.feeds[WEB])
        stopwatch.lap("web: read and hash files")
        load_web(con, config.feeds[WEB], web_files, workdir, config.max_reject_rate)
        del web_files
        stopwatch.lap("web: parse and check")
        next_index = 1_000_000  # file indexes only order files within one feed
        for kind in (INTAKE, SCHEDULING):
            files = feed_files(config.feeds[kind])
            stopwatch.lap(f"{kind}: read and hash files")
            load_csv(con, kind, config.feeds[kind], files, next_index, workdir, config.max_reject_rate,
                     stopwatch)
            next_index += 1_000_000
    load_registry(con, config)
    build_sessions(con)
    stopwatch.lap("sessions")
    build_referrals(con)
    stopwatch.lap("snapshots")
    attribute_sources(con)
    stopwatch.lap("sources")
    link_appointments(con, config)
    stopwatch.lap("appointment links")

    first, latest = data_bounds(con)
    if as_of_text is not None:
        as_of = con.execute("select parse_auto(?)", [as_of_text]).fetchone()[0]
        if as_of is None:
            raise PeerError(f"--as-of '{as_of_text}' is not a timestamp of SPEC 2.1")
    else:
        as_of = latest
    rows = funnel_rows(con, config, as_of if as_of is not None else 0) if first is not None else []

    weeks = []
    if first is not None:
        # every ISO week from the first with data to the one holding as_of
        weeks = [week for (week,) in con.execute("""
            select strftime(monday, '%G-W%V') from generate_series(
                date_trunc('week', timezone(?, make_timestamp(?::bigint)::timestamptz)),
                date_trunc('week', timezone(?, make_timestamp(?::bigint)::timestamptz)),
                interval 7 day) as days(monday)
        """, [config.timezone, first, config.timezone, as_of]).fetchall()]
    wanted = set(weeks)
    by_key = {}
    for week, source, is_all, *values in rows:
        if week not in wanted:
            continue
        if not is_all and not any(values[i] for i, c in enumerate(METRIC_COLUMNS) if c not in DURATIONS):
            continue  # a source appears in a week where any of its counts is non-zero
        by_key[(week, None if is_all else source)] = values
    lines = [",".join(["week", "source"] + METRIC_COLUMNS)]
    keys = set(by_key) | {(week, None) for week in weeks}
    for week, source in sorted(keys, key=lambda key: (key[0], key[1] is not None, (key[1] or "").encode("utf-8"))):
        values = by_key.get((week, source), [None] * len(METRIC_COLUMNS))
        cells = [week, "(all)" if source is None else source]
        cells += [format_cell(column, value) for column, value in zip(METRIC_COLUMNS, values)]
        lines.append(",".join(csv_field(cell) for cell in cells))
    write_csv(out_path, lines)
    stopwatch.lap("metrics")
    if first is not None:
        write_landing_tables(con, weeks, os.path.dirname(out_path))
    else:  # no data: both files hold their header only
        for name, keys in PAGE_KEYS.items():
            write_csv(os.path.join(os.path.dirname(out_path), name), [",".join(["week"] + keys + PAGE_COUNTS)])
    stopwatch.lap("pages and campaigns")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pipeline", help="pipeline config (YAML)")
    parser.add_argument("--out", required=True,
                        help="where to write metrics.csv; pages.csv and campaigns.csv go to the same folder")
    parser.add_argument("--as-of", help="override as_of (a SPEC 2.1 timestamp)")
    parser.add_argument("--timings", action="store_true", help="print each stage's wall time to stderr")
    arguments = parser.parse_args()
    try:
        run(arguments.pipeline, arguments.out, arguments.as_of, arguments.timings)
    except (PeerError, OSError, KeyError, yaml.YAMLError) as error:
        print(f"duckdb_peer: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
