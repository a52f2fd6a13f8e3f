import Linalg

/// The 5-point Laplacian on an m×m grid (−4 on the diagonal, 1 per neighbour, Dirichlet):
/// the `laplace2d` problem of `mexp bench expmv`, shared by the Krylov and Taylor-action tests.
func laplacian2D(_ m: Int) throws -> CSRMatrix<Double> {
    var triplets = [(row: Int, column: Int, value: Double)]()
    for i in 0..<m {
        for j in 0..<m {
            let k = i * m + j
            triplets.append((k, k, -4))
            if i > 0 { triplets.append((k, k - m, 1)) }
            if i < m - 1 { triplets.append((k, k + m, 1)) }
            if j > 0 { triplets.append((k, k - 1, 1)) }
            if j < m - 1 { triplets.append((k, k + 1, 1)) }
        }
    }
    return try CSRMatrix(rows: m * m, columns: m * m, triplets: triplets)
}

