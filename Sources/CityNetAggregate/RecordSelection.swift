public import CityNetModel

/// Selects the records of a source that satisfy a predicate (a pipeline's `views`).
public enum RecordSelection {
    /// The records of `source` for which `predicate` holds, in their order.
    public static func select(_ predicate: Predicate, from source: String, in dataset: Dataset) -> EntityRecords? {
        guard let records = dataset.sources[source] else { return nil }
        var columns = ColumnCache(dataset: dataset, source: source)
        let keep = FilterEvaluator.mask(predicate, columns: &columns, recordCount: records.count)
        switch records {
        case .memberships(let memberships):
            return .memberships(memberships.indices.filter { keep[$0] }.map { memberships[$0] })
        case .awards(let awards):
            return .awards(awards.indices.filter { keep[$0] }.map { awards[$0] })
        case .initiatives(let initiatives):
            var selected = InitiativeTable()
            for index in 0..<initiatives.count where keep[index] { selected.append(initiatives[index]) }
            return .initiatives(selected)
        }
    }
}
