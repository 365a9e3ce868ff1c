/// Why a run could not finish. One clear sentence each; details go to the verbose log.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    case alreadyRunning(lockFile: String)
    case missingResource(String)
    case noPatientKey(pipeline: String)
    case unreadableKeyFile(path: String, reason: String)
    /// `source` is the environment variable or the key file the key came from.
    case patientKeyTooShort(source: String, bytes: Int, minimum: Int)
    case keyFileOpenToOthers(path: String, permissions: String)
    case registry(file: String, problem: String)
    case dataTestsFailed([String])
    case cannotWrite(path: String, reason: String)
    case invalidAsOf(String)
    case nothingTransformed(warehouse: String)
    case missingModelColumn(model: String, column: String)
    case invalidModelPlaceholder(model: String, placeholder: String)
    case loadedByOlderIngest(version: Int, current: Int, pipeline: String)
    case loadedByNewerIngest(version: Int, current: Int, pipeline: String)
    case nothingToRebuild(warehouse: String)
    /// The patient key is not the one the warehouse's rows were hashed with; `alsoChanged`
    /// names other settings that changed too (see `ingestSettingsChanged`).
    case patientKeyChanged(pipeline: String, alsoChanged: [String])
    /// Settings ingest applies changed since the warehouse's rows were loaded; each entry
    /// names one ("the timezone (from America/Chicago to America/New_York)").
    case ingestSettingsChanged([String], pipeline: String)
    /// Each entry names one file and what is wrong with it ("missing: web/web-1.jsonl").
    case ledgerFilesUnavailable([String], pipeline: String)
    case noLedgerFileAvailable(files: Int, first: String)
    case changedDuringRebuild(path: String)
    case cannotReplace(warehouse: String, reason: String)

    public var description: String {
        switch self {
        case let .alreadyRunning(lockFile):
            return "another run is using this warehouse (lock held on \(lockFile)); try again when it has finished"
        case let .missingResource(name):
            return "the package resource \(name) is missing; rebuild the tool"
        case let .noPatientKey(pipeline):
            return "no key for hashing patient identifiers: set REFERRAL_FUNNEL_KEY or name a patient_key_file in \(pipeline)"
        case let .unreadableKeyFile(path, reason):
            return "cannot read the patient key file \(path): \(reason)"
        case let .patientKeyTooShort(source, bytes, minimum):
            return "the patient key in \(source) is \(bytes) byte(s) long; use at least \(minimum) random bytes (e.g. `openssl rand -hex 32`)"
        case let .keyFileOpenToOthers(path, permissions):
            return "the patient key file \(path) is open to its group or others (permissions \(permissions)), so it is refused as ssh refuses such a key; restrict it to its owner: chmod 600 \(path)"
        case let .registry(file, problem):
            return "\(file): \(problem)"
        case let .dataTestsFailed(failures):
            return "data tests failed after the transform: " + failures.joined(separator: "; ")
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .invalidAsOf(text):
            return "--as-of '\(text)' is not a timestamp from 2000 to 2099 (use e.g. 2026-11-28 or 2026-11-28T17:00-06:00)"
        case let .nothingTransformed(warehouse):
            return "the warehouse \(warehouse) holds no funnel yet: run `transform` (or `run`) first"
        case let .missingModelColumn(model, column):
            return "the model \(model) has no column \(column), which the metric catalogue names; rebuild the tool"
        case let .invalidModelPlaceholder(model, placeholder):
            return "the model \(model) holds a placeholder the metric catalogue cannot expand: \(placeholder)"
        case let .loadedByOlderIngest(version, current, pipeline):
            return "the warehouse was loaded by an older ingest (version \(version), this is \(current)): run 'referral-funnel rebuild \(pipeline)'"
        case let .loadedByNewerIngest(version, current, pipeline):
            return "the warehouse was loaded by a newer ingest (version \(version), this is \(current)): use that newer referral-funnel, or reload the warehouse with this one: 'referral-funnel rebuild \(pipeline)'"
        case let .patientKeyChanged(pipeline, alsoChanged):
            let also = alsoChanged.isEmpty ? "" : " (" + alsoChanged.joined(separator: ", ") + " changed too)"
            return "the patient key is not the one the warehouse's rows were hashed with (rotated, or the development key took over)\(also), "
                + "so new rows would not link to them: restore the key (REFERRAL_FUNNEL_KEY or patient_key_file) or run 'referral-funnel rebuild \(pipeline)'"
        case let .ingestSettingsChanged(changes, pipeline):
            return changes.joined(separator: ", ") + (changes.count == 1 ? " has" : " have")
                + " changed since the warehouse's rows were loaded, and they were loaded under the old setting: run 'referral-funnel rebuild \(pipeline)'"
        case let .nothingToRebuild(warehouse):
            return "there is no warehouse at \(warehouse) to rebuild: `run` builds a new one from the exports"
        case let .ledgerFilesUnavailable(files, pipeline):
            // One line per file: the user has to find each of them.
            return "\(files.count) file(s) the warehouse's ledger lists are missing or changed since they were ingested, "
                + "so the warehouse was left as it was; restore them, or rebuild without them with "
                + "'referral-funnel rebuild \(pipeline) --skip-missing':\n"
                + files.map { "  " + $0 }.joined(separator: "\n")
        case let .noLedgerFileAvailable(files, first):
            return "none of the \(files) file(s) the warehouse's ledger lists is there as it was ingested (the first: \(first)), "
                + "so the warehouse was left as it was: a rebuild reads the exports at the paths they were ingested from"
        case let .changedDuringRebuild(path):
            return "\(path) changed while the warehouse was being rebuilt from it; the warehouse was left as it was: run rebuild again"
        case let .cannotReplace(warehouse, reason):
            return "cannot replace \(warehouse) with its rebuilt copy (\(reason)); the warehouse was left as it was: run rebuild again"
        }
    }
}
