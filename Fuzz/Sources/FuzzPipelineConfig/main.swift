import CLibFuzzer
import Foundation
import FuzzSupport

// SwiftPM links an executable with `main` aliased to the module's own entry point, so
// libFuzzer's `main` is never linked in; this entry point starts libFuzzer's driver instead.
var argumentCount = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzFailure.abortIfAny(PipelineConfigProperties.violations(in: input), input: input)
    return 0
})
