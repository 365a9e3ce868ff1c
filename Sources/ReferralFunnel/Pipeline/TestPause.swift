import Foundation

/// Test-only: lets the fault-injection tests stop a real run at a chosen point and `kill -9`
/// it there. When `REFERRAL_FUNNEL_TEST_PAUSE_AFTER` names a point, the process stops itself
/// (SIGSTOP) on reaching it; the test sees the stopped state and kills it. Unset (always, in
/// real use), this is one environment lookup per point and nothing else.
///
/// Points: `ingest` (every file committed, transform not begun), `transform` (the funnel
/// committed, no report written), `report-file:<name>` (the report file `<name>` is complete
/// under its temporary name, not yet renamed into place), `rebuild-replace` (a rebuilt
/// warehouse complete beside the old one, both out of WAL mode, not yet renamed over it).
enum TestPause {
    static let environmentVariable = "REFERRAL_FUNNEL_TEST_PAUSE_AFTER"

    static func at(_ point: String) {
        guard let requested = ProcessInfo.processInfo.environment[environmentVariable], requested == point else { return }
        raise(SIGSTOP)
    }
}
