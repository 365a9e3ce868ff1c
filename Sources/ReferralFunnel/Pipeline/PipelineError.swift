/// Why a run could not finish. One clear sentence each; details go to the verbose log.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    case alreadyRunning(lockFile: String)
    case missingResource(String)
    case noPatientKey(pipeline: String)
    case unreadableKeyFile(path: String, reason: String)
    case registry(file: String, problem: String)
    case dataTestsFailed([String])
    case cannotWrite(path: String, reason: String)
    case invalidAsOf(String)
    case nothingTransformed(warehouse: String)
    case missingModelColumn(model: String, column: String)
    case invalidModelPlaceholder(model: String, placeholder: String)

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
        case let .registry(file, problem):
            return "\(file): \(problem)"
        case let .dataTestsFailed(failures):
            return "data tests failed after the transform: " + failures.joined(separator: "; ")
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .invalidAsOf(text):
            return "--as-of '\(text)' is not a timestamp (use e.g. 2026-11-28 or 2026-11-28T17:00-06:00)"
        case let .nothingTransformed(warehouse):
            return "the warehouse \(warehouse) holds no funnel yet: run `transform` (or `run`) first"
        case let .missingModelColumn(model, column):
            return "the model \(model) has no column \(column), which the metric catalogue names; rebuild the tool"
        case let .invalidModelPlaceholder(model, placeholder):
            return "the model \(model) holds a placeholder the metric catalogue cannot expand: \(placeholder)"
        }
    }
}
