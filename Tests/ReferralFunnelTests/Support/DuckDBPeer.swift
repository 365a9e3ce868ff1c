import Foundation
import XCTest

/// bench/duckdb_peer.py, the independent Python and DuckDB implementation of the spec, as
/// the peer tests run it.
enum DuckDBPeer {
    static var repository: URL {
        Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var script: URL { repository.appendingPathComponent("bench/duckdb_peer.py") }

    /// Skips the calling test when duckdb or pyyaml is missing, except in CI, where `make
    /// test-deps` installs them and their absence is a failure.
    static func require() throws {
        let probe = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import duckdb, yaml"])
        if probe.exitCode != 0 {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail("duckdb and pyyaml must be installed in CI (make test-deps): \(probe.standardError)")
            }
            throw XCTSkip("duckdb is not installed; make test-deps installs it")
        }
    }
}
