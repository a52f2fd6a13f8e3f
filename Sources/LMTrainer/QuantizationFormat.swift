/// The integer grids of the quantization round trip: symmetric, per row, absmax scale.
///
/// As in the reference trainer (`peers/lm/bytegpt.py`, `quant_rows` in mode `absmax`):
/// s_r = max|w_r| / qmax, q = clamp(round(w / s_r), −qmax, qmax), no clipping, no scale floor.
/// int6 keeps 63 levels in an int8 container (parameter-golf's `INT6_QUANT_RANGE = 31`).
public enum QuantizationFormat: String, Sendable, CaseIterable {
    /// 8-bit codes, qmax = 127.
    case int8
    /// 6-bit codes, qmax = 31.
    case int6

    /// The largest code magnitude.
    public var maximumCode: Int {
        switch self {
        case .int8: return 127
        case .int6: return 31
        }
    }
}
