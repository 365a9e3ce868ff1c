/// The one layout every page shares: head with the content security policy (nothing may be
/// fetched: the pages open from a file share with no internet), inline stylesheet with a
/// print section, a header naming the pipeline and `as_of`, navigation, and the few lines
/// of sorting script. Pages read fully with script off; the script only adds sort buttons.
enum PageLayout {
    enum Location {
        /// `index.html`, `pages.html`, `data-quality.html`.
        case root
        /// `sources/<slug>.html`.
        case sources

        var prefix: String { self == .root ? "" : "../" }
    }

    static func document(title: String, model: ReportModel, location: Location, body: [HTMLNode]) -> String {
        let html = el("html", ["lang": "en"], [
            el("head", [:], [
                el("meta", ["charset": "utf-8"]),
                el("meta", ["http-equiv": "Content-Security-Policy",
                            "content": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"]),
                el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                el("meta", ["name": "referrer", "content": "no-referrer"]),
                // An empty icon, or the browser would look for /favicon.ico.
                el("link", ["rel": "icon", "href": "data:,"]),
                el("title", text: "\(title) \u{2014} \(model.pipelineName)"),
                el("style", [:], [.trusted(stylesheet)]),
            ]),
            el("body", [:], [
                el("header", ["class": "page-header"], [
                    el("p", ["class": "pipeline"], text: "Referral funnel \u{00B7} \(model.pipelineName)"),
                    el("p", ["class": "as-of"], [
                        .text("Report week "), el("strong", text: model.reportWeek),
                        .text(" \u{00B7} data as of \(model.asOfLocalText) (\(model.timeZoneIdentifier))"),
                    ]),
                    el("nav", ["aria-label": "Reports"], [
                        el("a", ["href": location.prefix + "index.html"], text: "All sources"),
                        el("a", ["href": location.prefix + "pages.html"], text: "Pages and campaigns"),
                        el("a", ["href": location.prefix + "data-quality.html"], text: "Data quality"),
                    ]),
                ]),
                el("main", [:], [el("h1", text: title)] + body),
                el("footer", [:], [
                    el("p", text: "Rates over zero referrals show as \(ValueFormat.missing). Changes compare with the previous period of the same length; pp = percentage points, d = days."),
                ]),
                el("script", [:], [.trusted(sortScript)]),
            ]),
        ])
        return "<!DOCTYPE html>\n" + html.render() + "\n"
    }

    static let stylesheet: StaticString = """
    :root{color-scheme:light;--ink:#222;--muted:#5a5a5a;--line:#d0d0d0;--accent:#0072B2;--warn:#D55E00;--band:#f4f6f8}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
    .page-header{background:var(--band);border-bottom:1px solid var(--line);padding:.6rem 1.5rem;display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;align-items:baseline}
    .page-header p{margin:0}.pipeline{font-weight:600}.as-of{color:var(--muted)}
    nav{margin-left:auto;display:flex;gap:1rem}nav a{color:var(--accent);font-weight:600}
    main{padding:0 1.5rem 1.5rem;max-width:1400px}
    h1{font-size:1.6rem;margin:1rem 0 .3rem;overflow-wrap:anywhere}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1rem;margin:1rem 0 .4rem}
    section{margin-bottom:1rem}
    .lead{color:var(--muted);margin:.2rem 0 .8rem}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;margin:.3rem 0 .8rem;font-variant-numeric:tabular-nums}
    caption{text-align:left;color:var(--muted);padding:.2rem 0;caption-side:top}
    th,td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    thead th{background:var(--band);font-weight:600;border-bottom:2px solid #999;vertical-align:bottom}
    table.sortable thead th{max-width:7.5rem}
    td.num,th.num{text-align:right;white-space:nowrap}
    tfoot td,tfoot th{font-weight:600;border-top:2px solid #999}
    .change{display:block;font-size:.8em;color:var(--muted)}
    .name{overflow-wrap:break-word;min-width:9rem;max-width:22rem}
    th button{display:block;width:100%;white-space:normal;font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
    th button::after{content:" \\2195";color:var(--muted);font-size:.8em}
    th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
    .flags{list-style:none;padding:0;margin:.4rem 0}
    .flags li{border-left:4px solid var(--warn);background:#fdf1ea;padding:.35rem .7rem;margin:.3rem 0}
    .flags .kind{font-weight:600;margin-right:.4rem}
    .ok{color:var(--muted)}
    tr.other th{font-style:italic}
    tr.group th{background:var(--band);font-weight:400;border-top:2px solid #999}
    .badge{display:inline-block;border:1px solid var(--muted);border-radius:3px;padding:0 .35rem;font-size:.85em;color:var(--muted);margin-left:.4rem;vertical-align:middle}
    .stale{font-weight:600;color:var(--warn)}
    svg.chart{max-width:100%;height:auto;display:block;margin:.4rem 0 1rem}
    svg.chart text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#222}
    svg.chart text.tick,svg.chart text.muted{fill:#5a5a5a}
    svg.chart text.value{font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
    svg.chart text.target{fill:#a14000;font-weight:600}
    td svg.chart{margin:0;display:inline-block}
    pre{background:var(--band);border:1px solid var(--line);padding:.6rem;overflow-x:auto;font-size:.9em}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:0 2rem}
    footer{color:var(--muted);font-size:.85em;padding:.5rem 1.5rem 1.5rem;border-top:1px solid var(--line)}
    @media print{
    @page{size:A4 landscape;margin:12mm}
    body{font-size:10pt}
    .page-header{background:none;padding:0 0 .3rem}
    nav,th button::after{display:none}
    main{padding:0;max-width:none}
    a{color:inherit;text-decoration:none}
    h2{break-after:avoid}
    section,svg.chart,tr{break-inside:avoid}
    .scroll{overflow:visible}
    table{font-size:9pt}
    thead{display:table-header-group}
    thead th,.flags li,pre{background:none}
    .grid{display:block}
    footer{padding:0}
    }
    """

    static let sortScript: StaticString = """
    (function () {
      function key(cell) {
        var value = cell.getAttribute('data-sort');
        if (value !== null) { var number = parseFloat(value); return isNaN(number) ? value : number; }
        return cell.textContent.trim().toLowerCase();
      }
      document.querySelectorAll('table.sortable').forEach(function (table) {
        var headers = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(headers, function (header) {
          var button = document.createElement('button');
          button.type = 'button';
          while (header.firstChild) { button.appendChild(header.firstChild); }
          header.appendChild(button);
          button.addEventListener('click', function () {
            var column = header.cellIndex;
            var descending = header.getAttribute('aria-sort') !== 'descending';
            Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
            header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a.cells[column]), y = key(b.cells[column]);
              var order = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
              return descending ? -order : order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
      });
    })();
    """
}
