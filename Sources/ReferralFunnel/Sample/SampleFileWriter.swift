import Foundation

/// Writes each day's three exports in every requested layout, named so that lexicographic
/// order is export order (`intake/intake-2026-09-01.csv`).
struct SampleFileWriter {
    let outputs: [(layout: SampleLayout, folder: URL)]

    init(outputs: [(layout: SampleLayout, folder: URL)]) throws {
        self.outputs = outputs
        for output in outputs {
            for kind in FeedKind.allCases {
                let folder = output.folder.appendingPathComponent(kind.rawValue, isDirectory: true)
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                } catch {
                    throw SampleError.cannotWrite(path: folder.path, reason: (error as NSError).localizedDescription)
                }
            }
        }
    }

    static func dateText(_ localDay: Int) -> String {
        let date = SampleClock.civilFromDays(localDay)
        var text = ""
        TimestampText.pad(&text, date.year, 4); text += "-"
        TimestampText.pad(&text, date.month, 2); text += "-"; TimestampText.pad(&text, date.day, 2)
        return text
    }

    func write(day localDay: Int, web: SampleFile<SampleWebEvent>, intake: SampleFile<SampleIntakeRow>,
               scheduling: SampleFile<SampleAppointmentRow>) throws {
        for output in outputs {
            let layout = output.layout
            let files = Self.files(day: localDay, in: output.folder)
            try save(lines(web, header: nil) { layout.webLine($0) }, to: files.web)
            try save(lines(intake, header: layout.intakeHeader()) { CSVText.line(layout.intakeFields($0)) }, to: files.intake)
            try save(lines(scheduling, header: layout.schedulingHeader()) { CSVText.line(layout.appointmentFields($0)) },
                     to: files.scheduling)
        }
    }

    /// The exports of one day under `folder`.
    static func files(day localDay: Int, in folder: URL) -> (web: URL, intake: URL, scheduling: URL) {
        let date = dateText(localDay)
        return (folder.appendingPathComponent("web/web-\(date).jsonl"),
                folder.appendingPathComponent("intake/intake-\(date).csv"),
                folder.appendingPathComponent("scheduling/scheduling-\(date).csv"))
    }

    /// Refuses, before anything is written, when a file of `days` is already there.
    func checkNothingToOverwrite(days: Range<Int>) throws {
        let existing = outputs.flatMap { output in
            days.flatMap { day -> [URL] in
                let files = Self.files(day: day, in: output.folder)
                return [files.web, files.intake, files.scheduling]
            }
        }.filter { FileManager.default.fileExists(atPath: $0.path) }
        if let first = existing.first {
            throw SampleError.wouldOverwrite(first: first.path, count: existing.count)
        }
    }

    private func lines<Row>(_ file: SampleFile<Row>, header: [String]?, render: (Row) -> String) -> String {
        let end = file.crlf ? "\r\n" : "\n"
        var text = file.byteOrderMark ? "\u{FEFF}" : ""
        if let header { text += CSVText.line(header) + end }
        for row in file.rows {
            text += render(row)
            text += end
        }
        return text
    }

    private func save(_ text: String, to file: URL) throws {
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            throw SampleError.cannotWrite(path: file.path, reason: (error as NSError).localizedDescription)
        }
    }
}
