import ArgumentParser
import Foundation
import ReferralFunnel

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write the sample practice's web, intake and scheduling exports (deterministic for given arguments)."
    )

    @Option(help: "The folder to write web/, intake/ and scheduling/ into.")
    var out: String?

    @Option(help: "The random seed; the same arguments always give the same bytes.")
    var seed: UInt64 = 42

    @Option(help: "How many days of exports to write.")
    var days: Int = 90

    @Option(help: "The first day (YYYY-MM-DD, America/Chicago).")
    var start: String = SampleOptions.defaultStart

    @Option(help: "Multiplies every volume (e.g. 300 with --days 365 for the benchmark).")
    var scale: Double = 1

    @Option(help: "Multiplies web traffic instead of --scale.")
    var webScale: Double?

    @Option(help: "canonical (SPEC section 2), vendor (pipelines/vendor-export.yml), or both (vendor under OUT/vendor).")
    var layout: String = "canonical"

    @Flag(help: "Overwrite export files already in the --out folder (without it, the command refuses and writes nothing).")
    var force = false

    @Flag(help: "Print the sample practice's source registry (pipelines/sources.yml) instead.")
    var printRegistry = false

    func run() throws {
        if printRegistry {
            print(SampleStory.registryYAML(), terminator: "")
            return
        }
        guard let out else { throw ValidationError("--out names the folder to write the sample into") }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let outputs: [(layout: SampleLayout, folder: URL)]
        switch layout {
        case "canonical": outputs = [(.canonical, folder)]
        case "vendor": outputs = [(.vendor, folder)]
        case "both": outputs = [(.canonical, folder), (.vendor, folder.appendingPathComponent("vendor", isDirectory: true))]
        default:
            throw ValidationError("--layout must be canonical, vendor or both, got '\(layout)'")
        }
        try reportingErrors(verbose: false) {
            let options = SampleOptions(seed: seed, days: days, startDay: try SampleOptions.day(fromISODate: start),
                                        scale: scale, webScale: webScale, outputs: outputs, overwrite: force)
            let summary = try SampleGenerator.generate(options)
            print("wrote \(summary.days) days: \(summary.webEvents) web events, \(summary.referrals) referrals "
              + "(\(summary.intakeRows) intake rows), \(summary.appointments) appointments "
              + "(\(summary.schedulingRows) scheduling rows), \(summary.malformedLines) malformed lines")
        }
    }
}
