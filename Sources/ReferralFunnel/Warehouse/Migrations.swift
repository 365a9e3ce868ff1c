import Foundation

/// Numbered schema migrations, applied in order, each in its own transaction. A shipped
/// migration never changes; a schema change is a new file.
enum Migrations {
    static let files = ["001_ledger_and_raw_data", "002_run_stages", "003_file_modification_time",
                        "004_web_parts_in_file_order", "005_latest_instant_per_file", "006_ingest_version",
                        "007_ingest_settings", "008_landing_pages_and_campaigns"]

    static func apply(to database: Database) throws {
        try database.execute("create table if not exists schema_migrations (version integer primary key, name text not null)")
        let applied = Set(try database.rows("select version from schema_migrations").compactMap { $0.first?.int })
        for (index, name) in files.enumerated() where !applied.contains(index + 1) {
            let sql = try Resources.text(named: name, folder: "migrations")
            try database.transaction {
                try database.execute(sql)
                try database.prepare("insert into schema_migrations (version, name) values (?, ?)")
                    .run([.integer(Int64(index + 1)), .text(name)])
            }
        }
    }
}
