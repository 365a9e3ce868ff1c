/// The `validate` command's work: reads every export a pipeline's feeds name, through the
/// same `ExportFileReader` ingest uses, and reports what ingest would do with each file,
/// without opening the warehouse. Files are judged on their own, whether or not an earlier
/// run ingested them.
public struct ExportValidator {
    let config: PipelineConfig

    public init(config: PipelineConfig) {
        self.config = config
    }

    /// One verdict per file, web first, each feed's files in path order (ingest's order).
    public func validate() throws -> [FileValidation] {
        // Mapped values are thrown away, so a throwaway key serves: validating a new
        // layout needs no access to the real patient key.
        let hasher = PatientIdentifierHasher(keyText: "validate: mapped values are discarded")
        // What a run refuses before it reads anything, validate refuses too.
        _ = try SourceRegistry.load(from: config.sourcesFile)
        let files = try config.exportFilesOfEachFeed()
        var verdicts: [FileValidation] = []
        for kind in FeedKind.allCases {
            let feed = config.feed(kind)
            let reader = ExportFileReader(feed: feed, readers: try FieldReaders(feed: feed, timeZone: config.timeZone),
                                          hasher: hasher)
            for path in files[kind] ?? [] {
                var discard = DiscardingRowConsumer()
                let reading = try reader.read(path, into: &discard)
                verdicts.append(FileValidation(feed: kind, path: path, reading: reading,
                                               heldBackReason: reading.heldBackReason(maxRejectRate: config.maxRejectRate)))
            }
        }
        return verdicts
    }
}
