import Yams

/// The checks that need the whole questionnaire: every `${name}` an expression reads exists and is asked before it,
/// repeated answers are read as a whole, and choice codes compared with a question are its codes.
extension QuestionnaireBuilder {
    func checkReferences(in q: Questionnaire) {
        for site in sites {
            // a regex() pattern written in the file is compiled now, so a broken one is found before any interview
            for (pattern, offset) in site.source.expression.regexPatterns {
                do {
                    _ = try LinearRegex(pattern)
                } catch {
                    reader.report(
                        .error(
                            .regexSyntax,
                            "in \(site.owner): the pattern '\(pattern)' cannot be used: \(error.message) (at character \(error.offset + 1))",
                            at: position(site.start, site.source.text, offset)))
                }
            }
            for (table, offset) in site.source.expression.pulledTables where q.data[table] == nil {
                reader.report(
                    .error(
                        .unknownReference,
                        "in \(site.owner): pulldata reads the table '\(table)', which is not under data: (data: {\(table): \"CSV text\"})",
                        at: position(site.start, site.source.text, offset)))
            }
            for (name, offset) in site.source.expression.references {
                let at = position(site.start, site.source.text, offset)
                if q.index(of: name) == nil, let g = q.group(named: name) {
                    // a group read as a whole: count(${participant}), indexed-repeat(${x}, ${participant}, 2)
                    if !q.groups[g].isRepeat {
                        reader.report(
                            .error(
                                .repeatReference,
                                "in \(site.owner): ${\(name)} is a group, not a question or a repeat; refer to one of its questions", at: at
                            ))
                    } else if q.groups[g].questions.lowerBound >= site.firstForbidden,
                        site.group.map({ !q.repeatChain(ofGroup: $0).contains(g) }) ?? true
                    {
                        reader.report(
                            .error(
                                .forwardReference,
                                "in \(site.owner): the repeat ${\(name)} comes later; relevance and checks may only use answers given before",
                                at: at))
                    }
                    continue
                }
                guard let index = q.index(of: name) else {
                    let near =
                        Suggestion.nearest(to: name, among: q.questions.map(\.name) + q.groups.filter(\.isRepeat).map(\.name)).map {
                            "; did you mean ${\($0)}?"
                        } ?? ""
                    reader.report(
                        .error(.unknownReference, "in \(site.owner): ${\(name)} is not a question of this questionnaire\(near)", at: at))
                    continue
                }
                // a calculation may read a later answer (XLSForm's calculations settle in dependency order); a cycle
                // among calculations is reported by calculationOrder
                if index >= site.firstForbidden, !(site.role == .calculation && index > site.firstForbidden) {
                    let itself = index == site.firstForbidden && site.role != .constraint
                    // a later answer may be read, as XLSForm allows: the walk settles, so the condition sees it once it is
                    // given; but at the prompt this question comes first, so it is decided before that answer exists
                    reader.report(
                        itself
                            ? .error(
                                .forwardReference,
                                "in \(site.owner): ${\(name)} is the question itself; a condition cannot depend on its own answer",
                                at: at)
                            : .warning(
                                .forwardReference,
                                "in \(site.owner): ${\(name)} is a later question; it is empty when this question is reached, so "
                                    + "move the question or the condition unless that is meant",
                                at: at))
                }
            }
            if site.role != .constraint {
                for offset in site.source.expression.currentOffsets {
                    reader.report(
                        .error(
                            .misplacedDot, "in \(site.owner): '.' (the answer being checked) can only be used in a constraint; use ${name}",
                            at: position(site.start, site.source.text, offset)))
                }
            }
            checkChoiceCodes(site.source.expression, site: site, q: q)
            checkRepeatReads(site.source.expression, site: site, q: q)
        }
    }

    /// A single value read from a repeated question outside its repeat would silently take the first instance:
    /// say so, and name the functions that read all instances. A repeat read as a value gets the same advice.
    func checkRepeatReads(_ e: Expression, site: ExpressionSite, q: Questionnaire) {
        let context = site.group.map { q.repeatChain(ofGroup: $0) } ?? []
        func walk(_ e: Expression) {
            switch e {
            case .number, .string, .current, .choiceAttribute, .parent: return
            case .reference(let name, let offset):
                let at = position(site.start, site.source.text, offset)
                if let i = q.index(of: name) {
                    let chain = q.repeatChain(ofQuestionAt: i)
                    guard chain.count > context.count || zip(chain, context).contains(where: { $0 != $1 }) else { return }
                    // read inside a repeat counted along the question's own repeat: the instance of the same number
                    let along = Set(context.compactMap { q.parallelRepeat(of: $0) })
                    if chain.allSatisfy({ context.contains($0) || along.contains($0) }) { return }
                    let outer = q.groups[chain.first { !context.contains($0) } ?? chain[0]].name
                    reader.report(
                        .warning(
                            .repeatReference,
                            "in \(site.owner): ${\(name)} has one answer per instance of the repeat '\(outer)'; read as one value "
                                + "it gives only the first. Use sum(${\(name)}), join(', ', ${\(name)}), count(${\(outer)}) or "
                                + "indexed-repeat(${\(name)}, ${\(outer)}, N)",
                            at: at))
                } else if let g = q.group(named: name), q.groups[g].isRepeat {
                    reader.report(
                        .warning(
                            .repeatReference,
                            "in \(site.owner): ${\(name)} is a repeat, not a value; use count(${\(name)}) for its number of instances",
                            at: at))
                }
            case .unary(_, let x): walk(x)
            case .binary(_, let l, let r):
                walk(l)
                walk(r)
            case .call(let name, let args, _):
                guard FunctionLibrary.nodeSetFunctions.contains(name) else {
                    args.forEach(walk)
                    return
                }
                // the whole-repeat arguments are read as sets; the others (join's separator, indexed-repeat's numbers) as values
                for (k, a) in args.enumerated() {
                    let isSetArgument = name == "join" ? k == 1 : name == "indexed-repeat" ? k == 0 || k % 2 == 1 : true
                    if isSetArgument, case .reference = a { continue }
                    walk(a)
                }
            }
        }
        walk(e)
    }

    func checkChoiceCodes(_ e: Expression, site: ExpressionSite, q: Questionnaire) {
        func check(_ name: String, _ code: String, _ offset: Int) {
            guard !code.isEmpty, let question = q.question(named: name), question.type.isSelect || question.type == .yesNo,
                !question.choices.isEmpty
            else { return }
            if question.choice(code: code) == nil {
                reader.report(
                    .warning(
                        .unknownChoiceCode,
                        "in \(site.owner): '\(code)' is not a choice code of ${\(name)} (codes: "
                            + "\(question.choices.map(\.code).joined(separator: ", "))); the condition can never be true",
                        at: position(site.start, site.source.text, offset)))
            }
        }
        switch e {
        case .number, .string, .reference, .current, .choiceAttribute, .parent: return
        case .unary(_, let x): checkChoiceCodes(x, site: site, q: q)
        case .binary(let op, let l, let r):
            if op == .equal || op == .notEqual {
                if case .reference(let n, let o) = l, case .string(let s) = r { check(n, s, o) }
                if case .reference(let n, let o) = r, case .string(let s) = l { check(n, s, o) }
            }
            checkChoiceCodes(l, site: site, q: q)
            checkChoiceCodes(r, site: site, q: q)
        case .call(let name, let args, _):
            if name == "selected", args.count == 2, case .reference(let n, let o) = args[0], case .string(let s) = args[1] {
                check(n, s, o)
            }
            for a in args { checkChoiceCodes(a, site: site, q: q) }
        }
    }
}

extension QuestionnaireBuilder {
    /// Calculations that read later answers settle in dependency order; one that depends on itself, through other
    /// calculations, never does: reported with its path. True when some calculation reads a later answer (the walk
    /// then works the calculations out until they settle).
    func calculationOrder(in q: Questionnaire) -> Bool {
        var forward = false
        var reads: [Int: [Int]] = [:]
        var siteOf: [Int: ExpressionSite] = [:]
        for site in sites {
            for (name, _) in site.source.expression.references {
                guard let j = q.index(of: name) else { continue }
                let own = site.role == .constraint ? site.firstForbidden - 1 : site.firstForbidden
                if j > own { forward = true }
                if site.role == .calculation, q.questions[j].type == .calculate {
                    siteOf[site.firstForbidden] = site
                    reads[site.firstForbidden, default: []].append(j)
                }
            }
        }
        guard forward else { return false }
        // depth-first, each calculation once: a calculation met again on the current path closes a cycle
        var state: [Int: Int] = [:]  // 1: on the path, 2: done
        var path: [Int] = []
        var reported = false
        func visit(_ i: Int) {
            guard !reported else { return }
            state[i] = 1
            path.append(i)
            for j in reads[i] ?? [] {
                if state[j] == 1, let start = path.firstIndex(of: j), let site = siteOf[j] {
                    let names = (path[start...].map { q.questions[$0].name } + [q.questions[j].name]).joined(separator: " -> ")
                    reader.report(
                        .error(
                            .calculationCycle, "in \(site.owner): the calculation depends on itself: \(names); break the circle",
                            at: site.start))
                    reported = true
                    return
                }
                if state[j] == nil { visit(j) }
            }
            path.removeLast()
            state[i] = 2
        }
        for i in reads.keys.sorted() where state[i] == nil { visit(i) }
        return true
    }
}
