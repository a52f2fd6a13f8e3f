#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's 1-, 5- and 15-minute load averages (`getloadavg(3)`), recorded beside every
/// timing `mexp train` reports (the machine is shared; a number without its load is not
/// comparable). Nil entries when the system does not say.
func systemLoadAverage() -> [Double?] {
    var values = [Double](repeating: 0, count: 3)
    let count = Int(getloadavg(&values, 3))
    return (0..<3).map { $0 < count ? values[$0] : nil }
}
