extension DemoUsers {
    /// The first names users are drawn from. A few are non-ASCII or contain an apostrophe so that
    /// clients must percent-encode them correctly.
    package static let firstNames: [String] = [
        "Aaron", "Adele", "Alexei", "Alice", "Amara", "Anna", "Arjun", "Beatriz", "Boris", "Carlos",
        "Chloe", "Daniel", "Dmitri", "Elena", "Emil", "Fatima", "Felix", "Grace", "Hannah", "Hiroshi",
        "Ivan", "Ingrid", "Jakob", "José", "Julia", "Kai", "Kateryna", "Lars", "Leila", "Liam",
        "Maria", "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar", "Pavel", "Priya", "Quinn",
        "Rosa", "Sergei", "Sofia", "Tariq", "Tomas", "Ulla", "Victor", "Wen", "Yusuf", "Zoë",
    ]

    /// The last names users are drawn from; one contains a space and one an apostrophe.
    package static let lastNames: [String] = [
        "Abbott", "Alvarez", "Andersen", "Baker", "Becker", "Bianchi", "Chen", "Costa", "Dubois", "Edwards",
        "Fischer", "Garcia", "Gupta", "Hansen", "Horvath", "Ivanov", "Jensen", "Kim", "Kowalski", "Larsen",
        "Lopez", "Meyer", "Morozov", "Müller", "Nakamura", "Novak", "O'Brien", "Olsen", "Petrov", "Popescu",
        "Quintero", "Rossi", "Santos", "Schmidt", "Silva", "Smirnov", "Sokolova", "Tanaka", "Taylor", "Ueda",
        "Van Dyke", "Volkov", "Wagner", "Walker", "Weber", "Wong", "Xu", "Yamamoto", "Young", "Zhang",
    ]

    /// The cities users live in.
    package static let cities: [String] = [
        "Amsterdam", "Berlin", "Bogotá", "Cairo", "Chicago", "Kazan", "Lagos", "Lisbon", "London", "Madrid",
        "Moscow", "Mumbai", "Novosibirsk", "Oslo", "Paris", "São Paulo", "Seoul", "Sydney", "Tokyo", "Toronto",
    ]
}
