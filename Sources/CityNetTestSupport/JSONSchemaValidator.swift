import Foundation

/// Validates JSON against a JSON Schema, for the keywords citynet's schemas use: `type` (a name or a list of
/// `null`, `object`, `array`, `string`, `integer`, `number`), `const`, `required`, `properties`,
/// `additionalProperties: false`, `items`, `prefixItems`, `minItems`, `maxItems` and `oneOf`. Any other keyword
/// is reported as unsupported rather than ignored.
public enum JSONSchemaValidator {
    /// The problems of `instance` against `schema`, each with its JSON pointer; empty when it is valid.
    public static func problems(_ instance: Any, schema: Any, at pointer: String = "") -> [String] {
        guard let schema = schema as? [String: Any] else { return ["\(pointer): the schema is not an object"] }
        var problems: [String] = []
        let known: Set<String> = [
            "$schema", "$id", "title", "type", "const", "required", "properties", "additionalProperties", "items",
            "prefixItems", "minItems", "maxItems", "oneOf",
        ]
        for key in schema.keys where !known.contains(key) { problems.append("\(pointer): unsupported keyword \(key)") }
        if let type = schema["type"] {
            let names = (type as? [String]) ?? [(type as? String) ?? ""]
            if !names.contains(where: { matches(instance, type: $0) }) {
                problems.append("\(pointer): expected \(names.joined(separator: " or ")), found \(describe(instance))")
            }
        }
        if let constant = schema["const"], !equal(instance, constant) {
            problems.append("\(pointer): expected the constant \(constant), found \(instance)")
        }
        if let object = instance as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
                problems.append("\(pointer): missing \(key)")
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (key, value) in object {
                if let property = properties[key] {
                    problems += self.problems(value, schema: property, at: "\(pointer)/\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(pointer): unexpected property \(key)")
                }
            }
        }
        if let array = instance as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum {
                problems.append("\(pointer): fewer than \(minimum) items")
            }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum {
                problems.append("\(pointer): more than \(maximum) items")
            }
            let prefix = (schema["prefixItems"] as? [Any]) ?? []
            for (index, element) in array.enumerated() {
                if index < prefix.count {
                    problems += self.problems(element, schema: prefix[index], at: "\(pointer)/\(index)")
                } else if let items = schema["items"] {
                    problems += self.problems(element, schema: items, at: "\(pointer)/\(index)")
                }
            }
        }
        if let options = schema["oneOf"] as? [Any] {
            let passing = options.filter { self.problems(instance, schema: $0, at: pointer).isEmpty }.count
            if passing != 1 { problems.append("\(pointer): matches \(passing) of the oneOf schemas, not exactly 1") }
        }
        return problems
    }

    private static func matches(_ instance: Any, type: String) -> Bool {
        switch type {
        case "null": return instance is NSNull
        case "object": return instance is [String: Any]
        case "array": return instance is [Any]
        case "string": return instance is String
        case "integer":
            guard let number = instance as? NSNumber else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number": return instance is NSNumber
        default: return false
        }
    }

    private static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        if let lhs = lhs as? String, let rhs = rhs as? String { return lhs == rhs }
        if let lhs = lhs as? NSNumber, let rhs = rhs as? NSNumber { return lhs == rhs }
        return false
    }

    private static func describe(_ instance: Any) -> String {
        switch instance {
        case is NSNull: "null"
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "\(instance)"
        }
    }
}
