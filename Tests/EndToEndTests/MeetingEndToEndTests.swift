import CanvassTestSupport
import Foundation
import XCTest

/// An expert meeting with repeats (participants; agenda topics with each participant's view), through the real binary.
final class MeetingEndToEndTests: XCTestCase {
    var h: Harness!
    override func setUpWithError() throws { h = try Harness() }
    override func tearDown() { h.remove() }

    var schema: String { Harness.root.appendingPathComponent("schemas/expert_meeting.yaml").path }

    /// Four participants (the fourth an observer, who gives no views) and three agenda topics.
    static let answers: [String] = {
        var lines = ["2018-03-15", "KIEP, Sejong", "Data rules after the CSL", "ai", "Dr. Kwon"]
        let people = [
            ("Alice Park", "presenter", "academia", "SNU"), ("Bob Lee", "discussant", "industry", "Naver"),
            ("Wei Zhang", "discussant", "think_tank", "CAICT"), ("Soo Jung", "observer", "government", ""),
        ]
        for (k, p) in people.enumerated() {
            if k >= 2 { lines.append("y") }  // Add another participant? (the first two are asked without it)
            lines += [p.0, p.1, p.2, p.3]
        }
        lines.append("n")
        let topics = [("Data localisation", "csl"), ("Mandatory certification", "tbt"), ("A data dialogue", "cooperation")]
        for (t, topic) in topics.enumerated() {
            if t >= 1 { lines.append("y") }  // Add another agenda topic?
            lines += [topic.0, topic.1, "\(30 + 10 * t)"]
            for v in 0..<3 {  // three views; the observer is not asked
                lines += ["View \(v + 1) on \(topic.0)", ".", ["concern", "mixed", "opportunity"][v], "\(4 - v)"]
            }
        }
        lines += ["n", "", "y"]
        return lines
    }()

    func test_a_meeting_with_four_participants_and_three_topics() throws {
        var input = Self.answers
        // a bad rating inside a repeat is re-asked with the reason
        let firstSeverity = input.firstIndex(of: "4")!
        input.insert("9", at: firstSeverity)
        let r = try h.run(
            ["interview", "new", schema, "--respondent", "Meeting 1", "--interviewer", "jung", "--lang", "en", "--db", h.db],
            input: input.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Interview 1 completed."))
        XCTAssertTrue(r.out.contains("Add another participant? (number 3)"))
        XCTAssertTrue(r.out.contains("Role of Bob Lee"))
        XCTAssertTrue(r.out.contains("Views of Wei Zhang on Mandatory certification"))
        XCTAssertFalse(r.out.contains("Views of Soo Jung"))  // observers give no views
        XCTAssertTrue(r.out.contains("-- agenda topic 2 > view 3 --"))
        XCTAssertTrue(r.out.contains("! enter a whole number from 1 to 5"), r.out)  // the 9, re-asked with the reason
        XCTAssertTrue(r.out.contains("4 participants, 3 agenda topics"))

        // one file per repeat, linked by PARENT_KEY/KEY; no names without --include-identifiers
        let out = try h.run(["export", "csv", "expert_meeting", "--out-dir", h.path("export"), "--db", h.db])
        XCTAssertEqual(out.status, 0, out.err)
        let main = parseCSV(try h.read("export/expert_meeting.csv"))
        let participants = parseCSV(try h.read("export/expert_meeting-participant.csv"))
        let agenda = parseCSV(try h.read("export/expert_meeting-agenda.csv"))
        let views = parseCSV(try h.read("export/expert_meeting-view.csv"))
        XCTAssertEqual(main.count, 2)
        XCTAssertEqual(participants.count, 1 + 4)
        XCTAssertEqual(agenda.count, 1 + 3)
        XCTAssertEqual(views.count, 1 + 12)
        let key = main[1][main[0].firstIndex(of: "KEY")!]
        XCTAssertEqual(main[1][main[0].firstIndex(of: "n_participants")!], "4")
        XCTAssertEqual(main[1][main[0].firstIndex(of: "n_topics")!], "3")
        XCTAssertEqual(participants[0].prefix(4), ["interview_id", "PARENT_KEY", "KEY", "version"])
        XCTAssertEqual(participants.dropFirst().map { $0[1] }, Array(repeating: key, count: 4))
        XCTAssertEqual(participants.dropFirst().map { $0[2] }, (1...4).map { "\(key)/participant[\($0)]" })
        XCTAssertEqual(
            participants.dropFirst().map { $0[participants[0].firstIndex(of: "role")!] },
            ["presenter", "discussant", "discussant", "observer"])
        XCTAssertEqual(Set(views.dropFirst().map { $0[1] }), Set((1...3).map { "\(key)/agenda[\($0)]" }))
        XCTAssertEqual(views[6][2], "\(key)/agenda[2]/view[2]")
        let severity = views[0].firstIndex(of: "view_severity")!
        XCTAssertEqual(views.dropFirst().map { $0[severity] }, ["4", "3", "2", ""] + ["4", "3", "2", ""] + ["4", "3", "2", ""])
        XCTAssertEqual(views[4][views[0].firstIndex(of: "view_role")!], "observer")
        for file in ["expert_meeting.csv", "expert_meeting-participant.csv", "expert_meeting-agenda.csv", "expert_meeting-view.csv"] {
            let text = try h.read("export/" + file)
            for name in ["Alice Park", "Bob Lee", "Wei Zhang", "Soo Jung", "Dr. Kwon", "Naver"] {
                XCTAssertFalse(text.contains(name), "\(name) in \(file)")
            }
        }
        let withNames = try h.run(["export", "csv", "expert_meeting", "--repeat", "participant", "--include-identifiers", "--db", h.db]).out
        XCTAssertTrue(withNames.contains("Alice Park"))

        // tables count instances
        let tab = try h.run(["tab", "freq", "expert_meeting", "view_stance", "--by", "topic_area", "--lang", "en", "--db", h.db])
        XCTAssertTrue(tab.out.contains("Instances of view: 12; valid base: 9"), tab.out + tab.err)

        // the audit trail names each answer by its repeat path
        let log = try h.run(["interview", "log", "1", "--db", h.db]).out
        XCTAssertTrue(log.contains("participant[2]/role"))
        XCTAssertTrue(log.contains("agenda[3]/view[2]/view_stance"))
        XCTAssertFalse(log.contains("Alice Park"))

        // the transcript shows each instance
        let show = try h.run(["interview", "show", "1", "--lang", "en", "--db", h.db]).out
        XCTAssertTrue(show.contains("-- participant 4 of 4 --"))
        XCTAssertTrue(show.contains("-- agenda topic 3 of 3 > view 2 of 4 --"))
    }

    func test_stopping_in_a_repeat_then_resuming_loses_nothing() throws {
        let input = Self.answers
        let cut = input.firstIndex(of: "Wei Zhang")! + 2  // in the middle of participant 3
        var r = try h.run(
            ["interview", "new", schema, "--respondent", "M", "--interviewer", "jung", "--db", h.db],
            input: input[..<cut].joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        r = try h.run(["interview", "resume", "1", "--db", h.db], input: input[cut...].joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("인터뷰 1 완료."), r.out)
        let participants = parseCSV(try h.run(["export", "csv", "expert_meeting", "--repeat", "participant", "--db", h.db]).out)
        XCTAssertEqual(participants.count, 5)
        XCTAssertEqual(participants[3][participants[0].firstIndex(of: "affiliation_type")!], "think_tank")
    }

    func test_the_example_meetings_round_trip_through_json_lines() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let fixture = Harness.root.appendingPathComponent("fixtures/expert_meetings.jsonl").path
        let imported = try h.run(["import", fixture, "--db", h.db])
        XCTAssertEqual(imported.status, 0, imported.err)
        let first = try h.run(["export", "jsonl", "expert_meeting", "--include-identifiers", "--db", h.db]).out
        let lines = first.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 5)
        // every meeting has 4 to 6 participants, and each topic a view per participant
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let answers = object["answers"] as! [String: Any]
            let participants = answers["participant"] as! [[String: Any]]
            XCTAssertTrue((4...6).contains(participants.count))
            for topic in answers["agenda"] as! [[String: Any]] {
                XCTAssertEqual((topic["view"] as! [Any]).count, participants.count)
            }
        }
        let again = h.path("again.db")
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", again]).status, 0)
        let path = try h.write("meetings.jsonl", first)
        XCTAssertEqual(try h.run(["import", path, "--db", again]).status, 0)
        let second = try h.run(["export", "jsonl", "expert_meeting", "--include-identifiers", "--db", again]).out
        XCTAssertEqual(first, second)
        // and the CSV folder is the same from both databases
        for db in [h.db, again] {
            XCTAssertEqual(try h.run(["export", "csv", "expert_meeting", "--out-dir", db + "-csv", "--db", db]).status, 0)
        }
        for file in ["expert_meeting.csv", "expert_meeting-participant.csv", "expert_meeting-agenda.csv", "expert_meeting-view.csv"] {
            XCTAssertEqual(
                try String(contentsOfFile: h.db + "-csv/" + file, encoding: .utf8),
                try String(contentsOfFile: again + "-csv/" + file, encoding: .utf8), file)
        }
    }

    func test_notes_and_special_answers_inside_repeats_round_trip_and_time_each_topic() throws {
        var input = Self.answers
        // a note on Bob's role, and "don't know" for the minutes of topic 2
        input.insert(":note joined late", at: input.firstIndex(of: "discussant")!)
        input[input.firstIndex(of: "40")!] = ":dk"
        let r = try h.run(
            ["interview", "new", schema, "--respondent", "M", "--interviewer", "jung", "--db", h.db],
            input: input.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        let first = try h.run(["export", "jsonl", "expert_meeting", "--include-identifiers", "--db", h.db]).out
        XCTAssertTrue(first.contains(#""topic_minutes":{"special":"dk"}"#))
        XCTAssertTrue(first.contains(#""question":"participant[2]/role","text":"joined late""#))
        let again = h.path("again.db")
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", again]).status, 0)
        XCTAssertEqual(try h.run(["import", try h.write("m.jsonl", first), "--db", again]).status, 0)
        XCTAssertEqual(try h.run(["export", "jsonl", "expert_meeting", "--include-identifiers", "--db", again]).out, first)
        // paradata: one row per repeat instance, e.g. the time spent on each agenda topic
        let paradata = parseCSV(try h.run(["export", "paradata", "expert_meeting", "--db", h.db]).out)
        let topics = paradata.filter { $0[0] == "instance" && !$0[5].contains("/") && $0[5].hasPrefix("agenda") }.map { $0[5] }
        XCTAssertEqual(topics, ["agenda[1]", "agenda[2]", "agenda[3]"])
    }

    func test_importing_interviews_already_in_the_database_changes_nothing() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        XCTAssertEqual(
            try h.run(["import", Harness.root.appendingPathComponent("fixtures/expert_meetings.jsonl").path, "--db", h.db]).status, 0)
        let exported = try h.run(["export", "jsonl", "expert_meeting", "--include-identifiers", "--db", h.db]).out
        var lines = exported.split(separator: "\n").map(String.init)
        // a new interview first, then the six already stored (with their keys and revisions)
        lines.insert(lines[0].replacingOccurrences(of: #""key":""#, with: #""key":"new-"#), at: 0)
        let path = try h.write("again.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try h.run(["import", path, "--db", h.db])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Imported 1 interview from \(path) into \(h.db); 6 unchanged."), r.out)
        let list = try h.run(["interview", "list", "--db", h.db]).out
        XCTAssertEqual(list.split(separator: "\n").filter { $0.contains("expert_meeting") }.count, 7)
        // and the fixture itself, which carries no keys, imports the same interviews again: nothing changes
        let again = try h.run(["import", Harness.root.appendingPathComponent("fixtures/expert_meetings.jsonl").path, "--db", h.db])
        XCTAssertTrue(again.out.contains("Imported 0 interviews") && again.out.contains("6 unchanged"), again.out)
    }

    func test_deleting_a_participant_entered_by_mistake() throws {
        var input = ["2018-03-15", "KIEP", "Theme", "ai", ""]
        input += [
            "Alice Park", "presenter", "academia", "SNU", "Bob Lee", "discussant", "industry", "Naver", "y", "Wei Zhang", "discussant",
            "think_tank", "CAICT",
        ]
        // Bob was not there: back to him, delete him, and Wei Zhang becomes participant 2
        input += [":jump participant[2]/role", ":delete", "n", ":delete", "y", "", "", "", "", "n"]
        input += ["Data rules", "csl", "30", "Alice's view", ".", "concern", "4", "Wei's view", ".", "mixed", "3", "n", "", "y"]
        let r = try h.run(
            ["interview", "new", schema, "--respondent", "M", "--interviewer", "jung", "--lang", "en", "--db", h.db],
            input: input.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Delete participant 2 and its"), r.out)
        XCTAssertTrue(r.out.contains("(nothing deleted)"))
        XCTAssertTrue(r.out.contains("(participant 2 deleted)"))
        XCTAssertTrue(r.out.contains("(current: Wei Zhang)"))
        XCTAssertTrue(r.out.contains("Interview 1 completed."), r.out)
        let participants = parseCSV(
            try h.run(["export", "csv", "expert_meeting", "--repeat", "participant", "--include-identifiers", "--db", h.db]).out)
        XCTAssertEqual(
            participants.dropFirst().map { $0[participants[0].firstIndex(of: "participant_name")!] }, ["Alice Park", "Wei Zhang"])
        XCTAssertEqual(
            participants.dropFirst().map { $0[participants[0].firstIndex(of: "affiliation_type")!] }, ["academia", "think_tank"])
        let views = parseCSV(try h.run(["export", "csv", "expert_meeting", "--repeat", "view", "--db", h.db]).out)
        XCTAssertEqual(views.count, 3)
        let log = try h.run(["interview", "log", "1", "--db", h.db]).out
        XCTAssertTrue(log.contains("deleted participant 2"))
        XCTAssertEqual(try h.run(["db", "check", "--db", h.db]).status, 0)
    }

    func test_import_names_the_repeat_problem() throws {
        XCTAssertEqual(try h.run(["schema", "add", schema, "--db", h.db]).status, 0)
        let base =
            #"{"questionnaire":"expert_meeting","version":"2018.1","interviewer":"k","status":"open","answers":{"meeting_date":"2018-03-15","#
        let bad = [
            base + #""role":"presenter"}}"#,
            base + #""participant":{"role":"presenter"}}}"#,
            base + #""participant":[{"participant_name":"A","role":"chair"}]}}"#,
            base + #""participant":[{"participant_name":"A","view_text":"x"}]}}"#,
            base
                + #""participant":[{"participant_name":"A"},{"participant_name":"B"}],"agenda":[{"topic_title":"T","view":[{},{},{"view_text":"x"}]}]}}"#,
        ]
        let path = try h.write("bad.jsonl", bad.joined(separator: "\n") + "\n")
        let r = try h.run(["import", path, "--db", h.db])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains(":1: error: role belongs inside the repeat participant"), r.err)
        XCTAssertTrue(r.err.contains(":2: error: participant is a repeat: give a list of objects"), r.err)
        XCTAssertTrue(r.err.contains(":3: error: participant[1]/role: 'chair' is not one of the choices"), r.err)
        XCTAssertTrue(r.err.contains(":4: error: participant[1]/view_text belongs inside the repeat agenda/view"), r.err)
        XCTAssertTrue(r.err.contains(":5: error: agenda[1]/view[3]/view_text has an answer but its instance is not asked"), r.err)
        XCTAssertFalse(r.err.contains("Fatal"))
    }
}
