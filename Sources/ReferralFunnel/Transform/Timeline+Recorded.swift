extension Timeline {
    /// The timeline the last transform recorded in `run_parameters`, or nil when no
    /// transform has run on this warehouse. Lets `report` (and `explain`) work from the
    /// marts as they stand, without rebuilding them.
    public static func recorded(in database: Database) throws -> Timeline? {
        let tables = try database.scalar("select count(*) from sqlite_master where type = 'table' and name = 'run_parameters'")
        guard tables?.int == 1,
              let row = try database.rows("select as_of, first_week, as_of_week, report_week from run_parameters").first,
              let asOf = row[0].int64, let asOfWeek = row[2].string, let reportWeek = row[3].string else {
            return nil
        }
        return Timeline(asOf: Instant(microsecondsSinceEpoch: asOf), firstWeek: row[1].string,
                        asOfWeek: asOfWeek, reportWeek: reportWeek)
    }
}
