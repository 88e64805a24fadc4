import CanvassTestSupport
import XCTest

@testable import CanvassCore

/// Repeats as scenarios: answer, look at the walk, check what the expressions see.
final class RepeatTests: XCTestCase {
    static let meeting: Questionnaire = {
        let r = QuestionnaireLoader.load(
            text: """
                questionnaire: meeting
                version: "1"
                choice_lists:
                  role: [{code: presenter, label: Presenter}, {code: discussant, label: Discussant}, {code: observer, label: Observer}]
                sections:
                  - name: m
                    questions:
                      - {name: place, type: text, label: Place}
                  - name: participant
                    label: participant
                    repeat: true
                    repeat_min: 2
                    repeat_max: 4
                    questions:
                      - {name: pname, type: text, required: true, label: Name}
                      - {name: role, type: select_one, choices: role, label: "Role of ${pname}"}
                      - {name: age, type: integer, label: Age, relevant: "${role} != 'observer'"}
                  - name: topic
                    label: topic
                    repeat: true
                    questions:
                      - {name: title, type: text, label: Title}
                      - name: view
                        repeat: true
                        repeat_count: count(${participant})
                        questions:
                          - {name: speaker, type: calculate, calculation: "indexed-repeat(${pname}, ${participant}, position(..))"}
                          - {name: score, type: scale, min: 1, max: 5, label: "Score of ${speaker} on ${title}", constraint: ". <= 4 or ${title} != 'locked'"}
                  - name: end
                    questions:
                      - {name: n, type: calculate, calculation: "count(${participant})"}
                      - {name: total_age, type: calculate, calculation: "sum(${age})"}
                      - {name: oldest, type: calculate, calculation: "max(${age})"}
                      - {name: names, type: calculate, calculation: "join(', ', ${pname})"}
                      - {name: second, type: calculate, calculation: "indexed-repeat(${pname}, ${participant}, 2)"}
                      - {name: first_score, type: calculate, calculation: "indexed-repeat(${score}, ${topic}, 1, ${view}, 2)"}
                      - {name: done, type: yes_no, label: Done}
                """)
        XCTAssertEqual(r.diagnostics.map(\.message), [])
        return r.questionnaire!
    }()

    func test_repeat_min_instances_come_first_then_add_another_is_asked() {
        var w = Scenario(Self.meeting)
        XCTAssertEqual(
            Array(w.keys.prefix(8)),
            [
                "place", "participant[1]/pname", "participant[1]/role", "participant[1]/age",
                "participant[2]/pname", "participant[2]/role", "participant[2]/age", "participant[3]",
            ])
        let add = w.engine.slotIndex(forKey: "participant[3]")!
        XCTAssertEqual(w.engine.question(at: add).type, .yesNo)
        XCTAssertEqual(w.engine.question(at: add).label.text(in: "en", fallbacks: []), "Add another participant? (number 3)")
        // an unanswered "Add another?" is where the interview goes next; the repeat has no more instances until it is answered
        XCTAssertFalse(w.keys.contains("participant[3]/pname"))
        XCTAssertNil(w.answer("participant[3]", "y"))
        XCTAssertTrue(w.keys.contains("participant[3]/pname"))
        XCTAssertTrue(w.keys.contains("participant[4]"))
        XCTAssertNil(w.answer("participant[4]", "y"))
        XCTAssertTrue(w.keys.contains("participant[4]/pname"))
        XCTAssertFalse(w.keys.contains("participant[5]"))  // repeat_max 4: not offered a fifth
        XCTAssertNotNil(w.answer("participant[3]", "maybe"))
    }

    func test_names_inside_a_repeat_read_the_same_instance() {
        var w = Scenario(Self.meeting)
        w.answer("participant[1]/pname", "Alice")
        w.answer("participant[2]/pname", "Bob")
        XCTAssertEqual(w.label("participant[2]/role"), "Role of Bob")
        w.answer("participant[2]/role", "observer")
        XCTAssertFalse(w.engine.isRelevant(key: "participant[2]/age"))
        XCTAssertTrue(w.engine.isRelevant(key: "participant[1]/age"))
    }

    func test_nested_repeat_count_position_and_indexed_repeat() {
        var w = Scenario(Self.meeting)
        w.answer("participant[1]/pname", "Alice")
        w.answer("participant[2]/pname", "Bob")
        w.answer("participant[3]", "n")
        w.answer("topic[1]/title", "Data rules")
        // one view per participant, each naming its speaker
        XCTAssertEqual(w.engine.answers["topic[1]/view[1]/speaker"], .value("Alice"))
        XCTAssertEqual(w.engine.answers["topic[1]/view[2]/speaker"], .value("Bob"))
        XCTAssertNil(w.engine.slotIndex(forKey: "topic[1]/view[3]/score"))
        XCTAssertEqual(w.label("topic[1]/view[2]/score"), "Score of Bob on Data rules")
        XCTAssertEqual(w.engine.answers["first_score"], nil)
        w.answer("topic[1]/view[2]/score", "3")
        XCTAssertEqual(w.engine.answers["first_score"], .value("3"))
        w.answer("topic[2]", "y")
        w.answer("topic[2]/title", "locked")
        XCTAssertEqual(w.answer("topic[2]/view[1]/score", "5"), "the answer breaks the check . <= 4 or ${title} != 'locked'")
        XCTAssertNil(w.answer("topic[1]/view[1]/score", "5"))  // the same check in topic 1 reads topic 1's title
        w.answer("topic[3]", "n")
        // a third participant adds a view to every topic
        w.answer("participant[3]", "y")
        w.answer("participant[3]/pname", "Chen")
        XCTAssertEqual(w.engine.answers["topic[2]/view[3]/speaker"], .value("Chen"))
    }

    func test_aggregates_over_instances() {
        var w = Scenario(Self.meeting)
        for (k, (name, age)) in [("Alice", "40"), ("Bob", "61"), ("Chen", "35")].enumerated() {
            if k == 2 { w.answer("participant[3]", "y") }
            w.answer("participant[\(k + 1)]/pname", name)
            w.answer("participant[\(k + 1)]/age", age)
        }
        w.answer("participant[4]", "n")
        XCTAssertEqual(w.engine.answers["n"], .value("3"))
        XCTAssertEqual(w.engine.answers["total_age"], .value("136"))
        XCTAssertEqual(w.engine.answers["oldest"], .value("61"))
        XCTAssertEqual(w.engine.answers["names"], .value("Alice, Bob, Chen"))
        XCTAssertEqual(w.engine.answers["second"], .value("Bob"))
        // an answer hidden by skip logic leaves the sum; a dk answer too
        w.answer("participant[2]/role", "observer")
        XCTAssertEqual(w.engine.answers["total_age"], .value("75"))
        XCTAssertEqual(w.engine.answers["oldest"], .value("40"))
    }

    func test_fewer_instances_hide_answers_but_keep_them() {
        var w = Scenario(Self.meeting)
        w.answer("participant[3]", "y")
        w.answer("participant[3]/pname", "Chen")
        w.answer("participant[4]", "y")
        w.answer("participant[4]/pname", "Dan")
        XCTAssertTrue(w.engine.isRelevant(key: "participant[4]/pname"))
        w.answer("participant[3]", "n")
        XCTAssertEqual(w.engine.answers["participant[4]/pname"], .value("Dan"))  // kept
        XCTAssertFalse(w.engine.isRelevant(key: "participant[4]/pname"))  // but no longer asked
        XCTAssertNil(w.engine.relevantAnswers["participant[3]/pname"])
        XCTAssertEqual(w.engine.answers["n"], .value("2"))
        w.answer("participant[3]", "y")  // undone: the answers are back
        XCTAssertEqual(w.engine.relevantAnswers["participant[4]/pname"], .value("Dan"))
    }

    func test_deleting_an_instance_moves_the_later_ones_and_their_views_down() {
        var w = Scenario(Self.meeting)
        for (k, name) in ["Alice", "Bob", "Chen"].enumerated() {
            if k == 2 { w.answer("participant[3]", "y") }
            w.answer("participant[\(k + 1)]/pname", name)
        }
        w.answer("participant[4]", "n")
        w.answer("topic[1]/title", "Data")
        for v in 1...3 { w.answer("topic[1]/view[\(v)]/score", "\(v)") }
        let at = w.engine.slotIndex(forKey: "participant[2]/role")!
        guard case .success(let d) = w.engine.instanceDeletion(at: at) else { return XCTFail() }
        XCTAssertEqual(d.instance, 2)
        w.engine.apply(d.changes)
        XCTAssertEqual(w.engine.relevantAnswers["participant[2]/pname"], .value("Chen"))
        XCTAssertNil(w.engine.answers["participant[3]/pname"])
        XCTAssertEqual(w.engine.answers["participant[3]"], .value("no"))  // the list still ends after the last one
        XCTAssertNil(w.engine.answers["participant[2]"])  // instance 2 needs no "Add another?" (repeat_min 2)
        XCTAssertEqual(w.engine.answers["topic[1]/view[2]/score"], .value("3"))  // Chen's view moved with Chen
        XCTAssertEqual(w.engine.answers["topic[1]/view[2]/speaker"], .value("Chen"))
        XCTAssertNil(w.engine.slotIndex(forKey: "topic[1]/view[3]/score"))
        XCTAssertEqual(w.engine.answers["n"], .value("2"))
        // views follow the participants: they cannot be deleted on their own
        let view = w.engine.slotIndex(forKey: "topic[1]/view[1]/score")!
        guard case .failure(let r) = w.engine.instanceDeletion(at: view) else { return XCTFail() }
        XCTAssertTrue(r.reason.contains("repeat_count"))
        guard case .failure = w.engine.instanceDeletion(at: w.engine.slotIndex(forKey: "place")!) else { return XCTFail() }
    }

    func test_repeat_count_is_clamped_and_empty_means_none() {
        let q = QuestionnaireLoader.load(
            text: """
                questionnaire: c
                version: "1"
                sections:
                  - name: s
                    questions:
                      - {name: k, type: integer, label: How many}
                      - name: item
                        repeat: true
                        repeat_count: ${k}
                        questions:
                          - {name: x, type: text, label: X}
                """
        ).questionnaire!
        var e = InterviewEngine(questionnaire: q)
        XCTAssertEqual(e.slotCount, 1)
        e.record(.value("3"), for: "k")
        XCTAssertEqual(e.slots.map(\.key), ["k", "item[1]/x", "item[2]/x", "item[3]/x"])
        e.record(.value("100000"), for: "k")
        XCTAssertEqual(e.slotCount, 1 + RepeatRule.ceiling)
        e.record(.value("-2"), for: "k")
        XCTAssertEqual(e.slotCount, 1)
        e.record(.special(.dontKnow), for: "k")
        XCTAssertEqual(e.slotCount, 1)
    }

    func test_a_repeat_counted_by_another_walks_alongside_it() {
        let r = QuestionnaireLoader.load(
            text: """
                questionnaire: a
                version: "1"
                sections:
                  - name: person
                    repeat: true
                    questions:
                      - {name: pname, type: text, label: Name}
                      - {name: role, type: text, label: Role}
                  - name: topic
                    repeat: true
                    questions:
                      - name: view
                        repeat: true
                        repeat_count: count(${person})
                        questions:
                          - {name: text, type: text, label: "View of ${pname}", relevant: "${role} != 'observer'"}
                          - {name: who, type: calculate, calculation: "position(..)"}
                """)
        XCTAssertEqual(r.diagnostics.map(\.message), [])  // no repeat-reference warning: the instances line up
        var e = InterviewEngine(questionnaire: r.questionnaire!)
        e.record(.value("Alice"), for: "person[1]/pname")
        e.record(.value("yes"), for: "person[2]")
        e.record(.value("Bob"), for: "person[2]/pname")
        e.record(.value("observer"), for: "person[2]/role")
        e.record(.value("no"), for: "person[3]")
        let view2 = e.slotIndex(forKey: "topic[1]/view[2]/text")!
        XCTAssertEqual(e.piped(e.question(at: view2).label.text(in: nil, fallbacks: []), language: nil, at: view2), "View of Bob")
        XCTAssertFalse(e.isRelevant(view2))
        XCTAssertTrue(e.isRelevant(key: "topic[1]/view[1]/text"))
        XCTAssertEqual(e.answers["topic[1]/view[2]/who"], .value("2"))
    }

    func test_the_questionnaire_may_word_add_another_itself() {
        let r = QuestionnaireLoader.load(
            text: """
                questionnaire: p
                version: "1"
                languages: [en, ko]
                sections:
                  - name: s
                    questions:
                      - name: visit
                        repeat: true
                        repeat_prompt: {en: Was there another site visit?, ko: 다른 현장 방문이 있었습니까?}
                        questions:
                          - {name: site, type: text, label: {en: Site, ko: 현장}}
                      - name: counted
                        repeat: true
                        repeat_count: "2"
                        repeat_prompt: {en: Unused, ko: 미사용}
                        questions:
                          - {name: x, type: text, label: {en: X, ko: X}}
                """)
        XCTAssertEqual(r.diagnostics.map { "\($0.location.line):\($0.code.rawValue)" }, ["15:ignored-key"])
        let e = InterviewEngine(questionnaire: r.questionnaire!)
        let add = e.slotIndex(forKey: "visit[2]")!
        XCTAssertEqual(e.question(at: add).label.text(in: "ko", fallbacks: []), "다른 현장 방문이 있었습니까?")
    }

    func test_keys_map_back_to_their_questions() {
        let q = Self.meeting
        XCTAssertEqual(q.target(ofKey: "place"), .question(q.index(of: "place")!))
        XCTAssertEqual(q.target(ofKey: "participant[2]/role"), .question(q.index(of: "role")!))
        XCTAssertEqual(q.target(ofKey: "topic[1]/view[3]/score"), .question(q.index(of: "score")!))
        XCTAssertEqual(q.target(ofKey: "participant[3]"), .addInstance(group: q.group(named: "participant")!))
        XCTAssertNil(q.target(ofKey: "role"))  // a repeated question needs its path
        XCTAssertNil(q.target(ofKey: "topic[1]/score"))  // score sits in topic/view
        XCTAssertNil(q.target(ofKey: "participant[0]/role"))
        XCTAssertNil(q.target(ofKey: "topic[1]/view[2]"))  // view has repeat_count: no "Add another?"
        XCTAssertNil(q.target(ofKey: "participant[x]/role"))
    }

    func test_the_simulator_walks_repeats_into_valid_interviews() {
        var sim = InterviewSimulator(questionnaire: Self.meeting, seed: 3)
        for n in 1...20 {
            let answers = sim.interview(number: n)
            let engine = InterviewEngine(questionnaire: Self.meeting, answers: answers)
            XCTAssertNil(engine.firstMissingRequiredIndex(), "interview \(n)")
            // the simulator's interviews pass the check import applies, unchanged
            switch InterviewEngine.check(answers, questionnaire: Self.meeting, completed: true) {
            case .failure(let problems): XCTFail("interview \(n): \(problems.messages)")
            case .success(let checked): XCTAssertEqual(checked, answers, "interview \(n)")
            }
            let participants = Int(answers["n"]?.value ?? "0")!
            XCTAssertTrue((2...4).contains(participants))
        }
    }

    func test_repeat_problems_are_reported_where_they_are() {
        func codes(_ yaml: String) -> [String] {
            QuestionnaireLoader.load(text: yaml).diagnostics.map { "\($0.location.line):\($0.code.rawValue)" }
        }
        XCTAssertEqual(
            codes(
                """
                questionnaire: c
                version: "1"
                sections:
                  - name: s
                    questions:
                      - name: g
                        type: loop
                        questions:
                          - {name: x, type: text, label: X, relevant: "position(..) > 1"}
                      - {name: y, type: integer, label: Y, relevant: ".. > 1"}
                      - name: later
                        repeat: true
                        repeat_max: 0
                        questions:
                          - {name: w, type: text, label: W}
                """), ["7:unknown-type", "10:expression-syntax", "13:repeat-range"])
        // references are checked once the structure is sound
        XCTAssertEqual(
            codes(
                """
                questionnaire: c
                version: "1"
                sections:
                  - name: s
                    repeat_min: 3
                    questions:
                      - {name: x, type: text, label: X, relevant: "count(${t}) > 1"}
                  - name: t
                    repeat: true
                    questions:
                      - {name: y, type: text, label: Y}
                  - name: u
                    questions:
                      - {name: z, type: text, label: Z, relevant: "${t} = 'a' or ${y} = 'b' or count(${s}) = 1"}
                """), ["5:ignored-key", "7:forward-reference", "14:repeat-reference", "14:repeat-reference", "14:unknown-reference"])
    }
}
