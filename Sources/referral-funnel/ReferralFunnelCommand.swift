import ArgumentParser
import ReferralFunnel

@main
struct ReferralFunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral-funnel",
        abstract: "Builds the referral funnel from web, intake and scheduling exports, and writes dashboards and the weekly workbook.",
        subcommands: [RunCommand.self, SampleCommand.self]
    )
}
