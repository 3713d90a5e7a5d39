import CityNetIngest
import CityNetModel
import CityNetTestSupport
import Foundation
import Testing

/// The shapes of real exports that parser test suites collect (DuckDB's, univocity's, Frictionless', CPython's
/// sniffer samples): each read with no options to the values a person would see, and every decision reported.
struct CSVMessyExportTests {
    /// A line of text, then bytes below 0x20 as binary files hold them.
    static let controlBytes: [UInt8] = Array("a,b\n".utf8) + (0..<200).map { UInt8($0 % 32) }

    @Test func aFirstLineOfDataIsNotTakenForAHeader() throws {
        let reading = try readCSV("alice,30,NY\nbob,25,LA\ncarol,41,SF\n")
        #expect(reading.header == ["column_1", "column_2", "column_3"])
        #expect(reading.rows == [["alice", "30", "NY"], ["bob", "25", "LA"], ["carol", "41", "SF"]])
        #expect(reading.lines == [1, 2, 3])
        #expect(!reading.dialect.hasHeader)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: line 1 reads as data, not a header ('30' in column 2 is a number like the values below it): the columns are named column_1, column_2 and so on (set header: true if it is a header)"
            ])
    }

    @Test func datesAndRecurringValuesAlsoTellDataFromAHeader() throws {
        let dates = try readCSV("Harry's, Arlington, IL, 2/1/03\nShark City, Glendale, IL, 12/28/02\n")
        #expect(dates.rows.count == 2)
        #expect(dates.warnings.first?.contains("'2/1/03' in column 4 is a date like the values below it") == true)
        let categories = try readCSV("Kenya,Africa\nGhana,Africa\nKenya,Asia\n")
        #expect(categories.rows.count == 3)
        #expect(categories.warnings.first?.contains("each of its values recurs in the rows below it") == true)
    }

    /// Words above numbers (even beside numbers as names), years or dates above numbers (a pivot by period), text
    /// alone, and a number written with an exponent. (A header repeated below: see
    /// `theHeaderRepeatedWhereFilesWereJoinedIsSkipped`.)
    @Test(arguments: [
        "city,year,members\nCork,2015,3\nEspoo,2016,4\n",
        "country,2019,2020\nKenya,5,6\nGhana,7,8\n",
        "a,b,c\n1,cat\ndog,3\n3,b,c\n",
        "name,note\nalice,hello\nbob,world\n",
        "sku,2023-01-01,2023-02-01\nA1,10,12\nB2,5,7\n",
        "id,name,1,2,3\n1,Ann,5,4,3\n2,Bob,2,3,4\n",
        "id,score\n1,43.0e12\n2,17\n",
    ])
    func aHeaderStaysAHeader(text: String) throws {
        let reading = try readCSV(text)
        #expect(reading.dialect.hasHeader)
        #expect(reading.header == text.split(separator: "\n")[0].split(separator: ",").map(String.init))
        #expect(reading.warnings.isEmpty)
    }

    /// Numbers alone are data, unless they are three years or more in order above numbers that are not years (a
    /// header of periods).
    @Test func numbersThatAreNoHeaderOfPeriodsAreData() throws {
        let yearsAboveYears = try readCSV("2001,2002,2003\n2004,2005,2006\n2007,2008,2009\n")
        #expect(!yearsAboveYears.dialect.hasHeader)
        #expect(yearsAboveYears.rows.count == 3)
        let periods = try readCSV("2019,2020,2021\n1.5,2.25,3.0\n4.75,5.5,6.1\n")
        #expect(periods.header == ["2019", "2020", "2021"])
        #expect(
            periods.warnings == [
                "input.csv:1: warning: line 1 is read as the header (its values are years in order above numbers that are not years); set header: false if it is data"
            ])
        let outOfOrder = try readCSV("1950,2000,1875\n12000,300,2500\n400,500,600\n")
        #expect(!outOfOrder.dialect.hasHeader)
        #expect(outOfOrder.warnings.first?.contains("it holds only numbers") == true)
    }

    /// A statistics portal's export: a small table pivoted by year between a title block (with `key;value` lines)
    /// and footnotes (`1.;text`), where lines of one field outnumber the table's rows. The delimiter and the table
    /// are found by the longest run of rows of one width; the header and rows end with a delimiter.
    @Test func aSmallTableAmongTitlesAndFootnotesIsFound() throws {
        let text = """

            Members of learning cities by region (number). Breakdown: years, region, network
            ********

            The table refers to:
            Region:;All regions
            Network:;GNLC
            ""
            ;"";;;;
            ;"2019";"2020";"2021";"2022";
            "Africa";"12";"15";"18";"21";
            "Arab States";"10";"11";".";"14";
            "Asia and the Pacific";"60";"66";"70";"73";
            "Europe and North America";"90";"95";"99";"104";
            "Latin America and the Caribbean";"20";"24";"25";"29";

            ********
            Footnotes
            ********

            "1.";"Figures for 2021 are provisional."
            "2.";"Members at 31 December of each year."

            Source(s):
            "UNESCO Institute for Lifelong Learning, GNLC"

            """
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.dialect.headerLine == 10)
        #expect(reading.header == ["column_1", "2019", "2020", "2021", "2022"])
        #expect(
            reading.rows.map(\.[0]) == [
                "Africa", "Arab States", "Asia and the Pacific", "Europe and North America",
                "Latin America and the Caribbean",
            ])
        #expect(reading.rows[1] == ["Arab States", "10", "11", ".", "14"])
        #expect(reading.lines == [11, 12, 13, 14, 15])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:2: warning: skipped lines 2-9 above the table: title lines with fewer values, not the table's 5 columns",
                "input.csv:10: warning: line 10 is read as the header (its values are years in order above numbers that are not years); set header: false if it is data",
                "input.csv:10: warning: the header and its rows end with a delimiter; the empty column it would add is left out",
                "input.csv:10:1: warning: header column 1 has no name; it is called 'column_1'",
                "input.csv:11: warning: 5 rows end with a delimiter beyond the header's 5 columns; read without the empty field after it",
                "input.csv:17: warning: 7 lines below the table read as notes, not rows: skipped (lines 17, 18, 19, 21, 22…; '********')",
            ])
    }

    /// A few values with a comma in a file of one column are bad rows, not a table of two columns.
    @Test func aFewSplitLinesInAOneColumnFileMakeNoTable() throws {
        let reading = try readCSV("name\nParis\nSmith, John\nBerlin\nDoe, Jane\nRome\n")
        #expect(reading.header == ["name"])
        #expect(reading.rows == [["Paris"], ["Berlin"], ["Rome"]])
        #expect(reading.rejects.map(\.location.line) == [3, 5])
    }

    @Test func commentLinesAreFoundWithoutAnOption() throws {
        let text = "# exported by tool v1\n# 2 rows\nx,y\n1,2\n# a note\n3,4\n"
        let reading = try readCSV(text)
        #expect(reading.header == ["x", "y"])
        #expect(reading.rows == [["1", "2"], ["3", "4"]])
        #expect(reading.lines == [4, 6])
        #expect(
            reading.warnings.first
                == "input.csv:1: warning: lines that start with # are read as comments and skipped (comment: none reads them as rows)"
        )
        let declined = try readCSV(text, options: CSVOptions(detectsComments: false))
        #expect(declined.warnings.allSatisfy { !$0.contains("comments") })
    }

    @Test func belowTheHeaderAHashLineOfTheTablesWidthIsARow() throws {
        let reading = try readCSV("# exported 2024\ntag,count\n#python,5\n# a note\n#swift,3\nrust,2\n")
        #expect(reading.header == ["tag", "count"])
        #expect(reading.rows == [["#python", "5"], ["#swift", "3"], ["rust", "2"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            Array(reading.warnings.dropFirst()) == [
                "input.csv:4: warning: 1 line below the header starts with # and is no row (a space after it, or not the table's 2 fields): skipped as comment (line 4)",
                "input.csv:3: warning: 2 rows below the header start with #, as the comments above it do, and have the table's 2 fields: read as rows (lines 3, 5)",
            ])
    }

    @Test func commentLinesMayStartWithSpaces() throws {
        let reading = try readCSV(" # exported by tool v1\n1;3\n  # a note\n2;4\n")
        #expect(reading.header == ["column_1", "column_2"])
        #expect(reading.rows == [["1", "3"], ["2", "4"]])
        #expect(reading.lines == [2, 4])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings.last
                == "input.csv:1: warning: 2 lines start with # and are no row (a space after it, or not the table's 2 fields): skipped as comments (lines 1, 3)"
        )
        let declared = try readCSV("x,y\n1,2\n   # a note\n3,4\n", options: CSVOptions(comment: UInt8(ascii: "#")))
        #expect(declared.rows == [["1", "2"], ["3", "4"]])
        #expect(declared.rejects.isEmpty)
    }

    /// Miller's pr-1346.csv: comments between the rows of a file that does not start with one.
    @Test func commentLinesBetweenRowsAreFoundByTheirWidth() throws {
        let reading = try readCSV("field1,field2\na,b\n# that was the first record\nc,d\n# the last, and no more\n")
        #expect(reading.header == ["field1", "field2"])
        #expect(reading.rows == [["a", "b"], ["c", "d"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings.last
                == "input.csv:3: warning: 2 lines below the header start with # and are no row (a space after it, or not the table's 2 fields): skipped as comments (lines 3, 5)"
        )
        // A row that starts with # among rows of the table's width is a row, listed as one that may be commented
        // out (CSV.jl's test_comments_multiple.csv).
        let tags = try readCSV("tag,count\npython,5\n#swift,3\nrust,2\n")
        #expect(tags.rows == [["python", "5"], ["#swift", "3"], ["rust", "2"]])
        #expect(
            tags.warnings == [
                "input.csv:3: warning: 1 row starts with #, as rows commented out do: read as row (comment: '#' skips them) (line 3)"
            ])
    }

    /// CSV.jl's test_508.csv: a first line that recurs whole below, with values that recur in other rows, is a
    /// row; a header repeated where files were joined holds no value of the rows.
    @Test func aFirstLineThatRecursAsARowIsData() throws {
        let reading = try readCSV(
            "# no header...\n\"Yes\",\"Medium rare\"\n\"Yes\",\"Medium\"\n\"Yes\",\"Medium rare\"\n\"No\",\n\"Yes\",\"Rare\"\n"
        )
        #expect(!reading.dialect.hasHeader)
        #expect(reading.rows.count == 5)
        #expect(reading.lines == [2, 3, 4, 5, 6])
    }

    /// Spark's more-columns.csv and csvtojson's noheaderWithVaryColumnNum.csv: with no row of its width below it,
    /// a line holding a number that is no year is data; a year names a column.
    @Test func aLineWithNumbersAndNoRowsOfItsWidthIsData() throws {
        let single = try readCSV("1,3.14,string,5,7")
        #expect(single.header == ["column_1", "column_2", "column_3", "column_4", "column_5"])
        #expect(single.rows == [["1", "3.14", "string", "5", "7"]])
        #expect(
            single.warnings == [
                "input.csv:1: warning: line 1 reads as data, not a header ('1' in column 1 is a number, which names no column): the columns are named column_1, column_2 and so on (set header: true if it is a header)"
            ])
        let ragged = try readCSV("John,25,XXX\nSamantha,28,YYY,7\n")
        #expect(ragged.rows == [["John", "25", "XXX"]])
        #expect(ragged.rejects.map(\.location.line) == [2])
        let headerOnly = try readCSV("country,city,2019\n")
        #expect(headerOnly.header == ["country", "city", "2019"])
    }

    @Test func aHashThatNamesTheFirstColumnIsAHeader() throws {
        let reading = try readCSV("#,city,members\n1,Cork,3\n2,Espoo,4\n")
        #expect(reading.header == ["#", "city", "members"])
        #expect(reading.rows == [["1", "Cork", "3"], ["2", "Espoo", "4"]])
        #expect(reading.warnings.isEmpty)
    }

    @Test func titleLinesWithSeveralValuesAndPaddingAboveTheTable() throws {
        let notes = try readCSV("some notes...\nmore notes,...\nnumber,text,date\n345.0,TEST4,2000-12-13\n")
        #expect(notes.header == ["number", "text", "date"])
        #expect(notes.rows == [["345.0", "TEST4", "2000-12-13"]])
        #expect(
            notes.warnings == [
                "input.csv:1: warning: skipped lines 1-2 above the table: title lines with fewer values, not the table's 3 columns"
            ])
        let padded = try readCSV("\"Sales Report, Q1 2024\",,\n,,\nregion,month,sales\nNorth,Jan,100\n")
        #expect(padded.header == ["region", "month", "sales"])
        #expect(padded.rows == [["North", "Jan", "100"]])
    }

    @Test func aFirstLineOfDelimitersIsAHeaderWithoutNames() throws {
        let reading = try readCSV(",,\n123,TEST3,text1\n345,TEST3,text2\n")
        #expect(reading.header == ["column_1", "column_2", "column_3"])
        #expect(reading.rows.count == 2)
        #expect(reading.warnings.count == 3)
    }

    @Test func aDelimiterAtTheEndOfEachRowAddsNoColumn() throws {
        let reading = try readCSV("a;b;c\n1;2;3;\n4;5;6;\n7;8;9\n")
        #expect(reading.header == ["a", "b", "c"])
        #expect(reading.rows == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:2: warning: 2 rows end with a delimiter beyond the header's 3 columns; read without the empty field after it"
            ])
        let value = try readCSV("a,b\n1,2,x\n")
        #expect(value.rejects.map(\.reason) == ["expected 2 fields, found 3"])
        // Several empty fields at the end hold nothing to lose either; a value or a quoted empty field among them
        // keeps the row bad.
        let plain = (1...6).map { "p\($0),\($0),\($0)\n" }.joined()
        let empties = try readCSV(
            "a,b,c\n" + plain + "1,2,3,\n4,5,6,,\n7,8,9,, ,\n10,11,12,,x\n13,14,15,,\"\"\n")
        #expect(empties.rows.suffix(3) == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]])
        #expect(empties.rejects.map(\.location.line) == [11, 12])
        #expect(
            empties.warnings == [
                "input.csv:8: warning: 1 row ends with a delimiter beyond the header's 3 columns; read without the empty field after it",
                "input.csv:9: warning: 2 rows end with empty fields beyond the header's 3 columns; read without them (lines 9, 10)",
            ])
    }

    @Test func linesOfSpacesOrNULsAreSkippedAndReported() throws {
        let reading = try readCSV("a,b\n1,2\n   \n\t\n3,4\n\u{0}\u{0}\u{0}\n5,6\n  ")
        #expect(reading.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(reading.lines == [2, 5, 7])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:3: warning: 3 lines hold only spaces or tabs: skipped as blank (lines 3, 4, 8)",
                "input.csv:6: warning: 1 line holds only NUL bytes: skipped (line 6)",
            ])
        let column = try readCSV("name\nAnn\n \nBob\n")
        #expect(column.rows == [["Ann"], [" "], ["Bob"]])
    }

    /// A line of the table's delimiters alone is how spreadsheets write an empty row: skipped as blank, and listed
    /// in a warning. A row of empty fields one of which is quoted (citynet's own writer writes one for a record
    /// without values) is a row, listed too; a row of delimiters of another width stays a bad row.
    @Test func rowsOfDelimitersAloneAreSkippedAndQuotedEmptyRowsAreRead() throws {
        let reading = try readCSV("id,name,score\r\n1,A,3\r\n,,\r\n2,B,4\r\n\"\",,\r\n")
        #expect(reading.rows == [["1", "A", "3"], ["2", "B", "4"], ["", "", ""]])
        #expect(reading.lines == [2, 4, 5])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:3: warning: 1 line holds only delimiters, as spreadsheets write an empty row: skipped as blank (line 3)",
                "input.csv:5: warning: 1 row holds only empty fields (line 5)",
            ])
        let short = try readCSV("a,b,c\n,\n")
        #expect(short.rejects.map(\.reason) == ["expected 3 fields, found 2"])
    }

    @Test func notesBelowTheTableAfterABlankRowAreSkippedAndReported() throws {
        let text =
            "id,name,score\n1,A,3\n2,B,4\n,,\nSource: UNESCO 2026,,\n\"Note: figures, provisional\"\nA wider note,,,,,\n"
        let reading = try readCSV(text)
        #expect(reading.rows == [["1", "A", "3"], ["2", "B", "4"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:4: warning: 1 line holds only delimiters, as spreadsheets write an empty row: skipped as blank (line 4)",
                "input.csv:5: warning: 3 lines below the table read as notes, not rows: skipped (lines 5, 6, 7; 'Source: UNESCO 2026')",
            ])
        let quotedEmptyRow = try readCSV("id,name\n1,A\n\"\",\nx,\n")
        #expect(quotedEmptyRow.rows == [["1", "A"], ["", ""], ["x", ""]])
        let blankLine = try readCSV("id,name\n1,A\n\nNotes:\nprovisional\n")
        #expect(blankLine.rows == [["1", "A"]])
        #expect(blankLine.rejects.isEmpty)
        #expect(blankLine.warnings.count == 1)
    }

    /// Rows with a first value only, after a blank row, are held back until the table goes on; they are then read
    /// in their place, each as it would have been (a row, or a bad row with its line and reason).
    @Test func rowsWithOneValueAfterABlankRowStayRowsWhenTheTableGoesOn() throws {
        let reading = try readCSV("id,name,score\n1,A,3\n\n2,,\nx\n4,D,5\n")
        #expect(reading.rows == [["1", "A", "3"], ["2", "", ""], ["4", "D", "5"]])
        #expect(reading.lines == [2, 4, 6])
        #expect(reading.rejects.map(\.location.line) == [5])
        #expect(reading.rejects.map(\.reason) == ["expected 3 fields, found 1"])
        #expect(reading.warnings.isEmpty)
        let withoutBlankRow = try readCSV("id,name\n1,A\n\"Seoul, KR\",\n")
        #expect(withoutBlankRow.rows == [["1", "A"], ["Seoul, KR", ""]])
        let labelGoesOn = try readCSV("id,name\n1,A\nSource: x,\n2,B\n")
        #expect(labelGoesOn.rows == [["1", "A"], ["Source: x", ""], ["2", "B"]])
        #expect(labelGoesOn.warnings.isEmpty)
        let longBlock = "id,name\n1,A\n\n" + (2...80).map { "x \($0),\n" }.joined()
        #expect(try readCSV(longBlock).rows.count == 80)
    }

    /// Rows of names, times or sentences after a blank row stay rows; notes start at the first row that starts
    /// like one; a row that fills other columns is never a note, whatever its first value.
    @Test func onlyRowsThatStartLikeNotesAreNotes() throws {
        let names = try readCSV("city,score\nParis,3\n\nLos Angeles,\nNew York,\n")
        #expect(names.rows == [["Paris", "3"], ["Los Angeles", ""], ["New York", ""]])
        #expect(names.warnings.isEmpty)
        let times = try readCSV("time,temp\n12:00,20\n\n12:20,\nGreat product would buy again,\n")
        #expect(times.rows.count == 3)
        #expect(times.warnings.isEmpty)
        let mixed = try readCSV("name,late\nAnn,no\n\nBob,\nNote: Bob came at 10,\n")
        #expect(mixed.rows == [["Ann", "no"], ["Bob", ""]])
        #expect(mixed.warnings.count == 1)
        let filled = try readCSV("note,year\nA method,2001\nNote on the method,2003\n(12),2004\n* apples,2005\n")
        #expect(filled.rows.count == 4)
        #expect(filled.warnings.isEmpty)
    }

    @Test func notesRightBelowTheTableAreFoundByTheirLabel() throws {
        let reading = try readCSV("region,pop\nNorth,1000\n\"Source: Office, 2021\",\nprovisional figures,\n")
        #expect(reading.rows == [["North", "1000"]])
        #expect(
            reading.warnings == [
                "input.csv:3: warning: 2 lines below the table read as notes, not rows: skipped (lines 3, 4; 'Source: Office, 2021')"
            ])
    }

    /// A statistics office's footer of notes and legends a hundred lines long (IBGE's SIDRA) is notes, like a
    /// short one; the rows above it are read.
    @Test func aFooterOfAHundredNotesIsNotes() throws {
        let rows = (1...20).map { "UF\($0);2021;\(1_000 + $0)\n" }.joined()
        let notes = (1...100).map { "Nota \($0): texto explicativo número \($0)\n" }.joined()
        let reading = try readCSV(
            "Unidade;Ano;População\n" + rows + "\nFonte: IBGE - Estimativas de População\n" + notes)
        #expect(reading.rows.count == 20)
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:23: warning: 101 lines below the table read as notes, not rows: skipped (lines 23, 24, 25, 26, 27…; 'Fonte: IBGE - Estimativas de População')"
            ])
    }

    /// Statistics offices label their notes in their own languages, padded to the table's width by Excel: each
    /// label is known (a Chinese table's `注销企业`, deregistered firms, is a row).
    @Test(arguments: [
        "Fonte: IBGE", "Sumber: Badan Pusat Statistik", "数据来源：国家统计局", "注：货币供应量已包含住房公积金存款", "注）速報値",
        "資料：総務省統計局", "자료: 통계청", "주: 잠정치", "المصدر: الجهاز المركزي", "Kaynak: TÜİK", "Nguồn: Tổng cục Thống kê",
        "Источник: Росстат", "Πηγή: ΕΛΣΤΑΤ", "(注) 速報値", "Obs: dados preliminares",
    ])
    func notesInOtherLanguagesAreFoundByTheirLabel(note: String) throws {
        let reading = try readCSV("region,2023,2022\nNorth,1000,990\nSouth,2000,1980\n\(note),,\n")
        #expect(reading.rows == [["North", "1000", "990"], ["South", "2000", "1980"]])
        #expect(reading.warnings.first?.contains("below the table reads as notes, not rows") == true)
        let row = try readCSV("地区,2023,2022\n北京,1000,990\n注销企业,,\n")
        #expect(row.rows.count == 2)
    }

    /// A note that an unquoted comma splits, or any row shorter than the table's, is a note when it follows one;
    /// a short row that does not is a bad row, as before.
    @Test func notesSplitByACommaAreNotes() throws {
        let reading = try readCSV(
            "region,pop,area\nNorth,1000,50\nSouth,2000,40\nSource: Statistics Office\nNote: 2020, 2021 provisional\n")
        #expect(reading.rows == [["North", "1000", "50"], ["South", "2000", "40"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:4: warning: 2 lines below the table read as notes, not rows: skipped (lines 4, 5; 'Source: Statistics Office')"
            ])
        let shortRow = try readCSV("id,name,v\n1,a,3\n\n2,b\n")
        #expect(shortRow.rows == [["1", "a", "3"]])
        #expect(shortRow.rejects.map(\.location.line) == [4])
        #expect(shortRow.rejects.map(\.reason) == ["expected 3 fields, found 2"])
    }

    /// A statistics office's blocks below the table (Statistics Canada's): a heading alone (`Symbol legend:`)
    /// starts the notes, and the rows of two fields under it are notes too; a value with text after its colon is
    /// a value.
    @Test func blocksUnderAHeadingBelowTheTableAreNotes() throws {
        let text = """
            "REF_DATE","GEO","Characteristic","VALUE","STATUS"
            "2020","Canada","Population","31234.5",""
            "2021","Canada","Labour force","..","x"

            "Symbol legend:"
            "..","not available for a specific reference period"
            "x","suppressed to meet the confidentiality requirements of the Statistics Act"

            "How to cite: Statistics Canada. Table 14-10-0327-01"
            "https://doi.org/10.25318/1410032701-eng"

            """
        let reading = try readCSV(text)
        #expect(reading.rows.count == 2)
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:5: warning: 5 lines below the table read as notes, not rows: skipped (lines 5, 6, 7, 9, 10; 'Symbol legend:')"
            ])
        let values = try readCSV("name,score,rank\nAda,9,1\n\nAlice,,\nCarol: late,,\n")
        #expect(values.rows == [["Ada", "9", "1"], ["Alice", "", ""], ["Carol: late", "", ""]])
        #expect(values.warnings.isEmpty)
    }

    /// Statistics offices' footers: a rule below the table (GENESIS), lines of text with a colon or a figure after
    /// blank lines (the World Bank's DataBank) or right below the table (CBS), footnote marks and a key after an
    /// empty row (ONS). Ragged rows of names, numbers or codes, and a phone number in brackets, stay bad rows.
    @Test func footersOfStatisticsOfficesAreNotes() throws {
        let rule = try readCSV(
            "Jahr;Monat;Index\n2024;Januar;117,6\n2024;Februar;118,1\n__________\nAb Januar 2023 auf Basis 2020.\n(C)opyright Statistisches Bundesamt\n"
        )
        #expect(rule.rows.count == 2)
        #expect(rule.rejects.isEmpty)
        #expect(
            rule.warnings.last?.contains("3 lines below the table read as notes, not rows: skipped (lines 4, 5, 6")
                == true)
        let database = try readCSV(
            "country,year,value\nAlbania,2011,2.9\nAngola,2011,24.2\n\n\nData from database: World Development Indicators\nLast Updated: 03/28/2024\n"
        )
        #expect(database.rows.count == 2)
        #expect(database.rejects.isEmpty)
        #expect(
            database.warnings.last?.contains("(lines 6, 7; 'Data from database: World Development Indicators')") == true
        )
        // A table of footnotes of two columns under a table of three is read as bad rows, each reported.
        let footnoteTable = try readCSV(
            "city,year,value\nTirana,2011,418495\nDurres,2011,175110\n\n\"footnoteSeqID\",\"Footnote\"\n1,\"Data refer to the agglomeration.\"\n"
        )
        #expect(footnoteTable.rows.count == 2)
        #expect(footnoteTable.rejects.map(\.location.line) == [5, 6])
        let marks = try readCSV(
            "region,code,jobs\nNorth,E1,10\nSouth,E2,20\n,,\n\"a  Employees on adult rates.\",,\nKey: x = suppressed,,\n"
        )
        #expect(marks.rows.count == 2)
        #expect(marks.warnings.last?.contains("(lines 5, 6; 'a  Employees on adult rates.')") == true)
        let cutShort = try readCSV("id,a,b\n1,x,y\n\n3\n4\n")
        #expect(cutShort.rows == [["1", "x", "y"]])
        #expect(cutShort.rejects.map(\.location.line) == [4, 5])
        let lineOfText = try readCSV(
            "year;total;men\n2022;17590672;8745468\n2023*;17811291;8855810\n\"Centraal Bureau voor de Statistiek (CBS), 2024\"\n\"* = voorlopige cijfers\"\n"
        )
        #expect(lineOfText.rows.count == 2)
        #expect(
            lineOfText.warnings.last?.contains("(lines 4, 5; 'Centraal Bureau voor de Statistiek (CBS), 2024')") == true
        )
        let raggedNames = try readCSV(
            "item,qty,shop\nbread,1,bakery\nmilk,2,dairy\n\nolive oil\nThe Cloud of Unknowing\n")
        #expect(raggedNames.rejects.map(\.location.line) == [5, 6])
        let phone = try readCSV("name,phone,city\nAnn,555-0101,Leeds\n\n(555) 019-3344,Jane Roe\n")
        #expect(phone.rejects.map(\.location.line) == [4])
        let codesRightBelow = try readCSV("id,a,b\n1,x,y\nk19998\nk19999\n")
        #expect(codesRightBelow.rejects.map(\.location.line) == [3, 4])
        let fragment = try readCSV("id,a,b,c\n1,x,y,z\nion for account removal,x,y\n")
        #expect(fragment.rejects.map(\.location.line) == [3])
    }

    /// At the end of the file, held rows are notes only when one of them reads as a sentence or a label.
    @Test func rowsOfOneWordOrNumberAfterABlankRowAtTheEndAreRows() throws {
        let reading = try readCSV("id,a,b\n1,x,y\n\n3,,\n4,,\n")
        #expect(reading.rows == [["1", "x", "y"], ["3", "", ""], ["4", "", ""]])
        #expect(reading.lines == [2, 4, 5])
        #expect(reading.warnings.isEmpty)
    }

    /// A row of units under the header, or the column names under a row of groups taken for the header, is read
    /// as a row, with a warning that names its line for `header_line`; a row with a missing value is not one.
    @Test(arguments: [
        ("region,population,area\n,persons,km2\nNorth,1000,50\nSouth,2000,40\n", "'persons' in column 2"),
        (",Population,,Area\nRegion,2010,2020,km2\nNorth,100,200,50\nSouth,300,400,60\n", "'km2' in column 4"),
    ])
    func aSecondHeaderRowIsReported(text: String, evidence: String) throws {
        let reading = try readCSV(text)
        #expect(reading.rows.count == 3)
        let warning = reading.warnings.first { $0.contains("reads like a second header") }
        #expect(warning?.hasPrefix("input.csv:2: warning: line 2, below the header,") == true)
        #expect(warning?.contains(evidence) == true)
        #expect(warning?.hasSuffix("set header_line: 2") == true)
        let missing = try readCSV("region,population,area\nWest,n/a,n/a\nNorth,1000,50\nSouth,2000,40\n")
        #expect(missing.warnings.isEmpty)
    }

    /// A header of groups over a row of sub-columns, as Excel exports cells merged across columns, gives each
    /// column its group and its own name; units under a header that names every column, and a row of groups
    /// alike (GENESIS), read as before.
    @Test func aHeaderOfMergedCellsOverSubColumnsIsJoined() throws {
        let sexes = try readCSV(
            "Region,2019,,2020,\n,Male,Female,Male,Female\nNorth,1,2,3,4\nSouth,5,6,7,8\nEast,9,10,11,12\n")
        #expect(sexes.header == ["Region", "2019 Male", "2019 Female", "2020 Male", "2020 Female"])
        #expect(sexes.rows.first == ["North", "1", "2", "3", "4"])
        #expect(sexes.lines == [3, 4, 5])
        #expect(
            sexes.warnings == [
                "input.csv:2: warning: line 2 names the columns under the groups of the header, as merged cells export them: each name is joined to its group ('2019 Male'); set header_line to read line 2 as a row"
            ])
        let years = try readCSV(
            "Country,Population,,Area\n,2019,2020,km2\nKenya,50,51,580\nPeru,32,33,1285\nChile,19,19,756\n")
        #expect(years.header == ["Country", "Population 2019", "Population 2020", "Area"])
        let units = try readCSV(
            "region,population,area\n,persons,km2\nNorth,1000,50\nSouth,2000,40\nEast,3000,30\nWest,500,20\n")
        #expect(units.header == ["region", "population", "area"])
    }

    /// An HXL hashtag row finds the header above it, as humanitarian portals export tables: notes padded to the
    /// table's width, a junk line of the table's width or a row of groups above the header are skipped with a
    /// warning that names the header and the hashtag row, and the hashtag row is skipped as more of the header.
    /// Hashtags under the first line, and a table whose every row is hashtags, read as before.
    /// A bank statement or report export: lines of a key and a value or two above a blank line and a table of a few
    /// rows, fewer than those lines. The table's width is the last block's, and the lines above it are skipped.
    @Test func keyAndValueLinesAboveAShortTableAreSkipped() throws {
        let statement = try readCSV(
            "Umsatzanzeige;Datei erstellt am: 07.03.2021\n;Letztes Update: aktuell\n\nIBAN;DE32 5001 0517\n"
                + "Kontoname;Girokonto\nBank;ING\nZeitraum;06.01.2020 - 09.01.2020\nSaldo;1172,12;EUR\n\n"
                + "Buchung;Valuta;Empfänger;Betrag;Währung\n09.01.2020;09.01.2020;Yabox;-1,62;EUR\n"
                + "06.01.2020;06.01.2020;Yabox;16,20;EUR\n")
        #expect(statement.header == ["Buchung", "Valuta", "Empfänger", "Betrag", "Währung"])
        #expect(statement.rows.map(\.[3]) == ["-1,62", "16,20"])
        #expect(statement.lines == [11, 12])
        #expect(statement.rejects.isEmpty)
        #expect(
            statement.warnings.first
                == "input.csv:1: warning: skipped lines 1-8 above the table: title lines with fewer values, not the table's 5 columns"
        )
        // A table of keys and values stays one when what follows it is a single wider line, or a block right below
        // it with no blank line between.
        let note = try readCSV("key,value\na,1\nb,2\nc,3\n\nSource: survey, 2024, page 3\n")
        #expect(note.header == ["key", "value"])
        #expect(note.rows.count == 3)
        let joined = try readCSV("key,value\na,1\nb,2\nx,y,z\nu,v,w\n")
        #expect(joined.header == ["key", "value"])
        #expect(joined.rejects.count == 2)
    }

    /// A single line of a few values set apart from the table by a blank line, as comdirect writes the account and
    /// period above its bookings, or for fewer than half the table's columns, as DATEV writes its metadata, is a
    /// title; the header is the line of the table's width below it.
    @Test func aLineSetApartAboveTheHeaderIsATitle() throws {
        let statement = try readCSV(
            "\n\"Umsätze Girokonto\";\"Zeitraum: 01.09.2023 - 06.10.2023\";\n\n"
                + "\"Buchungstag\";\"Wertstellung (Valuta)\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\";\n"
                + "\"06.10.2023\";\"06.10.2023\";\"Lastschrift\";\"Text1\";\"-23,86\";\n"
                + "\"05.10.2023\";\"05.10.2023\";\"Übertrag\";\"Text2\";\"1.265,64\";\n")
        #expect(
            statement.header == ["Buchungstag", "Wertstellung (Valuta)", "Vorgang", "Buchungstext", "Umsatz in EUR"])
        #expect(statement.rows.map(\.[4]) == ["-23,86", "1.265,64"])
        #expect(statement.lines == [5, 6])
        #expect(statement.rejects.isEmpty)
        #expect(statement.warnings.first?.hasPrefix("input.csv:2: warning: skipped line 2 above the table") == true)
        // A line for fewer than half the table's columns right above its header is metadata, as DATEV writes it.
        let names = (1...10).map { "Feld \($0)" }.joined(separator: ";")
        let datev = try readCSV(
            "EXTF;510;21;Buchungsstapel\n" + names + "\n24,95;H;;;;;1200;4940;8;2106\n100;S;;;;;1000;8400;;0107\n")
        #expect(datev.header.first == "Feld 1" && datev.header.count == 10)
        #expect(datev.rows.map(\.[0]) == ["24,95", "100"])
        #expect(datev.warnings.first?.hasPrefix("input.csv:1: warning: skipped line 1 above the table") == true)
        // Right above its rows, a line of fewer values is still the header.
        let header = try readCSV("name;value\nA;1;x\nB;2;y\nC;3;z\n")
        #expect(header.header == ["name", "value"])
    }

    /// A statement whose lines of a key and a value outnumber its bookings, with its closing balance below them:
    /// the block of bookings is the table.
    @Test func bookingsBetweenLinesOfKeysAndValuesAreTheTable() throws {
        let bookings = (1...6).map { day in
            "\"1\(day).05.2013\";\"1\(day).05.2013\";\"Lastschrift\";\"Text \(day)\";\"-\(day),00\"\n"
        }
        let preamble: String =
            "\"comdirect bank AG\"\n\"Erstellt am: 26.05.2013\"\n\n\"Kunden-Nummer:\";\"1231230\"\n"
            + "\"BLZ:\";\"20041144\"\n\"Verfügbarer Betrag:\";\"2.234,67 EUR\"\n\"Kontostand:\";\"+2.134,56 EUR\"\n\n"
            + "\"Umsätze Girokonto\";\" - Zeitraum: 30 Tage\"\n\n\"Neuer Kontostand\";\"+2.134,56\"\n\n"
        let header = "\"Buchungstag\";\"Wertstellung (Valuta)\";\"Vorgang\";\"Buchungstext\";\"Umsatz in EUR\"\n"
        let statement = try readCSV(
            preamble + header + bookings.joined() + "\n\"Alter Kontostand\";\"+2.155,56 EUR\"\n")
        #expect(
            statement.header == ["Buchungstag", "Wertstellung (Valuta)", "Vorgang", "Buchungstext", "Umsatz in EUR"])
        #expect(statement.rows.count == 6)
        #expect(statement.lines.first == 14)
        // In a table of two columns, consecutive rows that hold the delimiter in a value stay bad rows.
        let rows: [String] = (1...30).map { row in
            row % 10 == 5 ? (0..<6).map { "x\($0),note, with a comma\n" }.joined() : "r\(row),fine\n"
        }
        let comments = try readCSV("id,comment\n" + rows.joined())
        #expect(comments.header == ["id", "comment"])
        #expect(comments.rows.count == 27)
        #expect(comments.rejects.count == 18)
    }

    @Test func anHXLHashtagRowFindsTheHeaderAboveIt() throws {
        let notes = try readCSV(
            "Movement Restrictions,,Feedback to the office,\nLast updated: 27/10/14,,,\n,,,\nNB: partial data,,,\n"
                + "id,Country,Type,Date_from\n#x_uniqueid,#country,#x_type,#from_date\n"
                + "ID1001,Sierra Leone,National Law,8/1/2014\nID1002,Liberia,Quarantine,8/22/2014\n")
        #expect(notes.header == ["id", "Country", "Type", "Date_from"])
        #expect(notes.rows.map(\.[0]) == ["ID1001", "ID1002"])
        #expect(notes.lines == [7, 8])
        #expect(
            notes.warnings.first
                == "input.csv:1: warning: skipped lines 1-4 above the table: the header is line 5, right above the HXL hashtag row on line 6"
        )
        #expect(notes.warnings.dropFirst().first?.contains("skipped line 6 below the header as more of it") == true)
        let groups = try readCSV(
            "Qué?,,Quién?,Dónde?\nRegistro,Sector,Organización,País,Dato\n#x_id,#sector,#org,#country,#date\n"
                + "001,WASH,ACNUR,Panamá,1 March 2015\n002,Salud,OMS,Colombia,\n")
        #expect(groups.header == ["Registro", "Sector", "Organización", "País", "Dato"])
        #expect(
            groups.rows == [
                ["001", "WASH", "ACNUR", "Panamá", "1 March 2015"], ["002", "Salud", "OMS", "Colombia", ""],
            ])
        #expect(groups.rejects.isEmpty)
        let junk = try readCSV("Junk,Junk,Junk\nOrg,Province,Affected\n#org,#adm1,#affected\nOrg X,Coast,100\n")
        #expect(junk.header == ["Org", "Province", "Affected"])
        #expect(junk.rows == [["Org X", "Coast", "100"]])
        let under = try readCSV("Org,Province\n#org,#adm1\nOrg X,Coast\nOrg Y,Hills\nOrg Z,Lakes\n")
        #expect(under.header == ["Org", "Province"])
        #expect(under.warnings.first?.contains("skipped line 2 below the header") == true)
        let tags = try readCSV("first,second\n#sdg4,#learning\n#sdg11,#cities\n#sdg5,#equality\n")
        #expect(tags.header == ["first", "second"])
        #expect(tags.rows.count == 3)
    }

    /// Rows below the header that do not fit the columns of the rows at the bottom (a series' metadata above
    /// years and values, as ONS, INSEE and the ABS export; the dates and units under a header of groups, as GENESIS
    /// does; HXL hashtags) are skipped as more of the header, with a warning that names them and the value that
    /// showed it. A first row of codes or with one odd value stays a row, and so do all of them with `header_line`.
    @Test func rowsBelowTheHeaderThatBelongToItAreSkipped() throws {
        let series = try readCSV(
            "\"Title\",\"CPIH annual rate\"\n\"CDID\",\"L55O\"\n\"Unit\",\"%\"\n\"Release date\",\"14-02-2024\"\n\"Important notes\",\"\"\n"
                + "\"2021\",\"2.5\"\n\"2022\",\"7.9\"\n\"2023\",\"6.8\"\n\"2023 Q1\",\"8.9\"\n\"2023 JAN\",\"9.2\"\n")
        #expect(series.header == ["Title", "CPIH annual rate"])
        #expect(series.rows.map(\.[0]) == ["2021", "2022", "2023", "2023 Q1", "2023 JAN"])
        #expect(
            series.warnings == [
                "input.csv:2: warning: skipped lines 2-5 below the header as more of it (units, dates, a series' metadata, hashtags, answer options or import ids: 'CDID' in column 1 is not like the values below); set header_line to read them as rows"
            ])
        let groups = try readCSV(
            ";Stichtag;Stichtag\n;31.12.2021;31.12.2022\nAltersjahre;Anzahl;Anzahl\nunter 1 Jahr;795492;738819\n1-Jährige;776563;800420\n2-Jährige;785178;787434\n3-Jährige;793089;800155\n"
        )
        #expect(groups.rows.map(\.[0]) == ["unter 1 Jahr", "1-Jährige", "2-Jährige", "3-Jährige"])
        let block = groups.warnings.first { $0.contains("below the header as more of it") }
        #expect(block?.contains("skipped lines 2-3") == true)
        #expect(block?.contains("'31.12.2021' in column 2") == true)
        let hashtags = try readCSV(
            "Organisation,Sector,Region\n#org+name,#sector,#adm1+name\nWFP,Food,Banadir\nUNICEF,WASH,Bay\nMSF,Health,Gedo\n"
        )
        #expect(hashtags.rows.map(\.[0]) == ["WFP", "UNICEF", "MSF"])
        let units = try readCSV(
            "region,population,area\n,persons,km2\nNorth,1000,50\nSouth,2000,40\nEast,3000,30\nWest,500,20\n")
        #expect(units.rows.count == 4)
        let codes = try readCSV(
            "Description,Code,Jobs\nUnited Kingdom,K02000001,27862\nNorth East,E12000001,1061\nNorth West,E12000002,3064\nWales,W92000004,1232\nIsles of Scilly,E06000053,x\n"
        )
        #expect(codes.rows.count == 5)
        #expect(codes.warnings.isEmpty)
        let odd = try readCSV("city,members,year\nParis,unknown,2012\nLyon,12,2013\nNice,8,2015\nCaen,3,2016\n")
        #expect(odd.rows.count == 4)
        let named = try readCSV(
            "\"Title\",\"CPIH\"\n\"CDID\",\"L55O\"\n\"2021\",\"2.5\"\n\"2022\",\"7.9\"\n\"2023\",\"6.8\"\n",
            options: CSVOptions(headerLine: 1))
        #expect(named.rows.count == 4)
    }

    @Test func theHeaderRepeatedWhereFilesWereJoinedIsSkipped() throws {
        let reading = try readCSV("id,name\n1,a\n\n\u{FEFF}id, name\n2,b\nid,name\n3,c\n")
        #expect(reading.dialect.hasHeader)
        #expect(reading.rows == [["1", "a"], ["2", "b"], ["3", "c"]])
        #expect(reading.lines == [2, 5, 7])
        #expect(
            reading.warnings == [
                "input.csv:4: warning: 2 rows repeat the header, as where files were joined: skipped (lines 4, 6)",
                "input.csv:4: warning: 1 row starts with a byte order mark (U+FEFF), as where files were joined: left out of the first value (line 4)",
            ])
        // The last row of a codebook may name the columns: a repeat with no row after it is a row.
        let codebook = try readCSV("column,label\nid,identifier\ncolumn,label\n")
        #expect(codebook.rows == [["id", "identifier"], ["column", "label"]])
        #expect(codebook.warnings.isEmpty)
        let joinedRows = try readCSV("id,name\n1,a\n\u{FEFF}2,b\n")
        #expect(joinedRows.rows == [["1", "a"], ["2", "b"]])
    }

    @Test func aHeaderOverAColumnOfRowLabelsEndsTheTitleLines() throws {
        // QuickBooks Online's report export: titles, then `,Total` over the customers and their amounts.
        let customers = [
            "Amy's Bird Sanctuary,\"1,250.00\"", "Bill's Windsurf Shop,85.00", "Cool Cars,\"2,194.00\"",
            "Jeff's Jalopies,81.00",
        ]
        let reading = try readCSV(
            "Sales by Customer Summary\nCraig's Design\n\"January 1 - March 31, 2024\"\n\n,Total\n"
                + customers.joined(separator: "\n") + "\n")
        #expect(reading.dialect.headerLine == 5)
        #expect(reading.header == ["column_1", "Total"])
        #expect(reading.rows.first == ["Amy's Bird Sanctuary", "1,250.00"])
        #expect(reading.lines == [6, 7, 8, 9])
    }

    @Test func aTitleWithTheTablesCodeAboveTheHeaderIsSkipped() throws {
        // UN Data's Statistical Yearbook tables: the table's code and title, padded to its width, over the header.
        let rows = [
            "1,\"Total, all countries or areas\",2010,Population (millions),6985.60,,UN Population Division",
            "1,\"Total, all countries or areas\",2023,Population (millions),8045.31,Projected,UN Population Division",
            "4,Afghanistan,2010,Population (millions),28.19,,UN Population Division",
            "4,Afghanistan,2023,Population (millions),42.24,,UN Population Division",
        ]
        let reading = try readCSV(
            "T02,\"Population, density and surface area\",,,,,\nRegion/Country/Area,,Year,Series,Value,Footnotes,Source\n"
                + rows.joined(separator: "\n") + "\n")
        #expect(reading.dialect.headerLine == 2)
        #expect(
            reading.header == ["Region/Country/Area", "column_2", "Year", "Series", "Value", "Footnotes", "Source"])
        #expect(
            reading.rows.first == [
                "1", "Total, all countries or areas", "2010", "Population (millions)", "6985.60", "",
                "UN Population Division",
            ])
        #expect(reading.lines == [3, 4, 5, 6])
        #expect(
            reading.warnings.first
                == "input.csv:1: warning: line 1 names 2 of the table's 7 columns and line 2 below it names 6: line 2 is read as the header, and line 1 skipped as a title; set header_line: 1 to read line 1 as the header"
        )
        // With the empty rows a spreadsheet writes between the rows, which say nothing of the columns' kinds.
        let spaced = try readCSV(
            "T07,\"Initiatives, 2024\",,,\nid,city,year,people,sdg\nI-1,Hamburg,2021,120,4\n,,,,\nI-2,Espoo,2022,300,11\n"
                + ",,,,\nI-3,Cork,2019,50,4\n,,,,\n")
        #expect(spaced.header == ["id", "city", "year", "people", "sdg"])
        #expect(spaced.lines == [3, 5, 7])
        // A row of groups over the columns' names: the names are the header.
        let grouped = try readCSV(
            "Place,,Population,,\nName,Code,Total,Women,Men\nLyon,69,522,270,252\nNice,06,342,180,162\n"
                + "Pau,64,75,40,35\nCaen,14,105,55,50\n")
        #expect(grouped.header == ["Name", "Code", "Total", "Women", "Men"])
        #expect(grouped.lines == [3, 4, 5, 6])
        // A header that names half its columns or more stays the header; the names below join its group.
        let halfNamed = try readCSV(
            "Name,Code,Sum,,\nCity,Dept,Total,Women,Men\nLyon,69,522,270,252\nNice,06,342,180,162\n"
                + "Pau,64,75,40,35\nCaen,14,105,55,50\n")
        #expect(halfNamed.header == ["Name", "Code", "Sum Total", "Sum Women", "Sum Men"])
        #expect(halfNamed.dialect.headerLine == 1)
    }

    @Test func anInstrumentsBlockAboveEmptyRowsIsNoPartOfTheTable() throws {
        // readr's `skip-lines.csv`, a plate reader's export: the instrument and the date, a spreadsheet's empty rows,
        // then the table, all two columns wide.
        let reading = try readCSV("Apex,01/03/2021\n96-well,\n,\n,\n,\nx,y\nA1,34\nA2,36\nA3,35\nA4,33\nA5,37\n")
        #expect(reading.dialect.headerLine == 6)
        #expect(reading.header == ["x", "y"])
        #expect(reading.rows.first == ["A1", "34"])
        #expect(reading.lines == [7, 8, 9, 10, 11])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: line 6, below empty rows, names the columns under it ('y' in column 2 over numbers or dates, where line 1 has '01/03/2021'): line 6 is read as the header, and lines 1-5 skipped as a block of their own; set header_line: 1 to read line 1 as the header"
            ])
        // A header of words stays the header, whatever follows the empty rows.
        let words = try readCSV("name,score\nBob,3\n,\nAlice,5\nCarol,7\nDan,2\n")
        #expect(words.header == ["name", "score"])
        #expect(words.lines == [2, 4, 5, 6])
    }

    /// The IMF's World Economic Outlook export: a citation padded with tabs to the table's width, below an empty
    /// row; a short row label padded the same way stays a row.
    @Test func aCitationPaddedToTheTablesWidthIsANote() throws {
        let citation = "\"International Monetary Fund, World Economic Outlook Database, October 2023\"\t\t\t\n"
        let reading = try readCSV(
            "Country\tSubject\tUnits\t1980\nJapan\tOutput gap\tPercent\t-5.5\nJapan\tInflation\tPercent\t7.8\n\t\t\t\n"
                + citation)
        #expect(reading.rows.count == 2)
        #expect(
            reading.warnings.last
                == "input.csv:5: warning: 1 line below the table reads as notes, not rows: skipped (line 5; 'International Monetary Fund, World Economic Outlook Database, October 2023')"
        )
        let label = try readCSV("unit,rent,size\nApt 1A,900,40\nApt 2B,950,42\n,,\nApt 3B,,\n")
        #expect(label.rows.last == ["Apt 3B", "", ""])
    }

    /// Destatis GENESIS: a row that names every column alike (`Jahr`) over the years that name them.
    @Test func aRowOfOneGroupOverTheYearsIsNoHeader() throws {
        let text =
            "GENESIS-Tabelle: Geburtenziffern\n;Jahr;Jahr;Jahr;Jahr\n;2001;2002;2003;2004\n15 Jahre;1,0;1,0;0,9;0,8\n"
            + "16 Jahre;3,1;3,2;3,0;2,8\n17 Jahre;7,5;7,7;7,1;6,4\n18 Jahre;14,2;14,5;13,9;13,1\n"
        let reading = try readCSV(text)
        #expect(reading.dialect.headerLine == 3)
        #expect(reading.header == ["column_1", "2001", "2002", "2003", "2004"])
        #expect(reading.rows.first == ["15 Jahre", "1,0", "1,0", "0,9", "0,8"])
        #expect(reading.lines == [4, 5, 6, 7])
        // Dates under `Stichtag`, which the header block finds, name the columns too (GENESIS table 12411-0015).
        let dates = try readCSV(
            ";;Stichtag;Stichtag;Stichtag\n;;31.12.1995;31.12.1996;31.12.1997\n01001;Flensburg;87082;86476;85739\n"
                + "01002;Kiel;246586;244261;242041\n01003;Lübeck;215672;214922;214735\n01004;Neumünster;81581;81325;81017\n"
        )
        #expect(dates.header == ["column_1", "column_2", "31.12.1995", "31.12.1996", "31.12.1997"])
        #expect(dates.lines == [3, 4, 5, 6])
        #expect(
            reading.warnings.contains(
                "input.csv:2: warning: line 2 names every column alike ('Jahr') and line 3 below it names them ('2001' in column 2 above numbers): line 3 is read as the header, and line 2 skipped as a row of groups; set header_line: 2 to read line 2 as the header"
            ))
    }

    /// Statistics Canada's tables as displayed: a quoted title with footnote marks after its quote, which CSV
    /// cannot read, more title lines, the header, a units row, rows of missing values under the periods (`..`),
    /// a units row between sections of the table, and notes.
    @Test func statisticsCanadasTitlesAndUnitsRowAreSkipped() throws {
        let text = """
            "Labour force characteristics, monthly" 1 2 3
            "Monthly"
            "Table: 14-10-0287-01"

            "Characteristics","Data type","May 2018","June 2018","July 2018"
            "","","Persons",,
            "Population 5 6","Seasonally adjusted","30,233.8","30,271.0","30,317.2"
            ,"Trend-cycle 7","..","..",".."
            "Labour force 8","Seasonally adjusted","19,747.8","19,823.4","19,842.5"
            ,"Trend-cycle 7","..","..",".."
            "Employment 9","Seasonally adjusted","18,596.2","18,628.0","18,682.1"
            ,"Trend-cycle 7","..","..",".."
            "Unemployment 12","Seasonally adjusted","1,151.6","1,195.3","1,160.4"
            "","","Percentage",,
            "Unemployment rate 13","Seasonally adjusted","5.8","6.0","5.8"

            "Symbol legend:"
            "..","not available for a specific reference period"

            """
        let reading = try readCSV(text)
        #expect(reading.dialect.headerLine == 5)
        #expect(reading.header == ["Characteristics", "Data type", "May 2018", "June 2018", "July 2018"])
        #expect(reading.rows.first == ["Population 5 6", "Seasonally adjusted", "30,233.8", "30,271.0", "30,317.2"])
        #expect(reading.lines == [7, 8, 9, 10, 11, 12, 13, 15])
        #expect(
            reading.warnings.contains(
                "input.csv:14: warning: 1 row holds a word alone in column 3, as the units row under the header does ('Persons'): skipped as units between sections of the table (line 14)"
            ))
        #expect(reading.rejects.isEmpty)
        #expect(
            Array(reading.warnings.prefix(2)) == [
                "input.csv:1: warning: skipped lines 1-3 above the table: title lines (some of which CSV cannot read) with one value, not the table's 5 columns",
                "input.csv:6: warning: skipped line 6 below the header as more of it (units, dates, a series' metadata, hashtags, answer options or import ids: 'Persons' in column 3 is not like the values below); set header_line to read them as rows",
            ])
    }

    /// A statistics release (DEFRA's, in qsv's tests): `Key:,value` lines padded to the table's width, a line of
    /// the custodian's address, empty rows, then the table's header.
    @Test func aReleasesMetadataAboveEmptyRowsIsSkipped() throws {
        let padding = String(repeating: ",", count: 3)
        let text =
            "Title:,Phosphate in rivers\(padding)\nYear:,1995-2008\(padding)\nSource:,Environment Agency\(padding)\n"
            + "Custodian,\"Statistics Service, London\"\(padding)\nContact:,stats@example.org\(padding)\n,,,,\n,,,,\n"
            + "Location,1995,,,Share of river length\nThames,80.7,2000,2001,2008\nAnglian,67.1,2000,2001,2008\n"
            + "Severn,40.2,2000,2001,2008\n"
        let reading = try readCSV(text)
        #expect(reading.dialect.headerLine == 8)
        #expect(reading.header == ["Location", "1995", "column_3", "column_4", "Share of river length"])
        #expect(reading.lines == [9, 10, 11])
        #expect(
            reading.warnings.prefix(2) == [
                "input.csv:1: warning: skipped lines 1-3 above the table: title lines with fewer values, not the table's 5 columns",
                "input.csv:4: warning: line 8, below empty rows, names the columns under it ('Share of river length' in column 5 over numbers or dates, where line 4 has nothing): line 8 is read as the header, and lines 4-7 skipped as a block of their own; set header_line: 4 to read line 4 as the header",
            ])
    }

    @Test func keyValueLinesAboveTheHeaderAreTitles() throws {
        // readr's `deaths.csv`: who made the file and when, padded to the table's width, over the header.
        let reading = try readCSV(
            "Date file created:,02/12/2022,,,,\nFile created by:,Sally,Brown,,,\n"
                + "Name,Profession,Age,Has kids,Date of birth,Date of death\n"
                + "David Bowie,musician,69,TRUE,1/8/1947,1/10/2016\nCarrie Fisher,actor,60,TRUE,10/21/1956,12/27/2016\n"
                + "Chuck Berry,musician,90,TRUE,10/18/1926,3/18/2017\nPrince,musician,57,TRUE,6/7/1958,4/21/2016\n")
        #expect(reading.dialect.headerLine == 3)
        #expect(reading.header == ["Name", "Profession", "Age", "Has kids", "Date of birth", "Date of death"])
        #expect(reading.lines == [4, 5, 6, 7])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: line 1 names 2 of the table's 6 columns and line 3 below it names 6: line 3 is read as the header, and lines 1-2 skipped as titles; set header_line: 1 to read line 1 as the header"
            ])
    }

    @Test func mySQLTextDumpsEscapeTabsAndLineBreaksOutsideQuotes() throws {
        // `SELECT … INTO OUTFILE` with a header: `\` before a tab or a line break makes it part of the value.
        let text =
            "id\ttitle\tdescription\n1\tDrill\t\\N\n2\tTape\tColumns:\\\tsee spec\n3\tShelf\tLine one\\\nLine two\n"
            + "4\tLabel\tPrinted C:\\\\Tools\n5\tBox\t\n"
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == 0x09)
        #expect(
            reading.rows == [
                ["1", "Drill", "\\N"], ["2", "Tape", "Columns:\tsee spec"], ["3", "Shelf", "Line one\nLine two"],
                ["4", "Label", "Printed C:\\Tools"], ["5", "Box", ""],
            ])
        #expect(reading.lines == [2, 3, 4, 6, 7])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: \\ makes the delimiter or a line break after it part of a value, also outside quotes, as MySQL's text dumps write them: read that way (escape: none reads them as RFC 4180)"
            ])
        // Paths that end with a backslash at the end of a line are values as written: read so, the rows line up.
        let paths = try readCSV("name,path\na,C:\\temp\\\nb,D:\\data\\\nc,E:\\x\n")
        #expect(paths.rows == [["a", "C:\\temp\\"], ["b", "D:\\data\\"], ["c", "E:\\x"]])
        #expect(paths.warnings.isEmpty)
    }

    @Test func surveyExportsHeaderRowsAreSkippedHoweverFewTheAnswers() throws {
        // SurveyMonkey's expanded export: the answer options under questions whose header cells were merged.
        let monkey = try readCSV(
            "Respondent ID,Start Date,Which city?,Which SDGs?,,,Comments\r\n,,Response,SDG 4,SDG 5,SDG 11,Open-Ended Response\r\n"
                + "1145,03/04/2024,Hamburg,SDG 4,,SDG 11,Great\r\n")
        #expect(monkey.rows == [["1145", "03/04/2024", "Hamburg", "SDG 4", "", "SDG 11", "Great"]])
        #expect(monkey.lines == [3])
        #expect(
            monkey.header == [
                "Respondent ID", "Start Date", "Which city?", "Which SDGs? SDG 4", "Which SDGs? SDG 5",
                "Which SDGs? SDG 11", "Comments",
            ])
        #expect(
            monkey.warnings.first
                == "input.csv:2: warning: line 2 names the columns under the groups of the header, as merged cells export them: each name is joined to its group ('Which SDGs? SDG 4'); set header_line to read line 2 as a row"
        )
        // SurveyMonkey's condensed export (fivethirtyeight's steak survey): `Response` under every question.
        let condensed = try readCSV(
            "RespondentID,Do you smoke?,Do you eat steak?,Location\n,Response,Response,Response\n"
                + "3237565956,No,,\n3234982343,No,Yes,East North Central\n")
        #expect(condensed.header == ["RespondentID", "Do you smoke?", "Do you eat steak?", "Location"])
        #expect(condensed.lines == [3, 4])
        #expect(
            condensed.warnings.first?.hasPrefix("input.csv:2: warning: skipped line 2 below the header as more of it")
                == true)
        // Qualtrics: the question texts, then the import ids, above a single answer.
        let qualtrics = try readCSV(
            "StartDate,Status,Q1\r\nStart Date,Response Type,Which city?\r\n"
                + "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\"\r\n"
                + "2024-03-04 09:12:31,IP Address,Hamburg\r\n")
        #expect(qualtrics.rows == [["2024-03-04 09:12:31", "IP Address", "Hamburg"]])
        #expect(qualtrics.lines == [4])
        // A row with an empty first value under a header with a last unnamed column (a delimiter at its end), or
        // with values under named columns only, is a row.
        let rows = try readCSV("id,name,\n,Ann,x\n2,Bob,y\n")
        #expect(rows.rows.count == 2)
        let gaps = try readCSV("id,name,,note\n,Ann,,x\n2,Bob,,y\n")
        #expect(gaps.rows.count == 2)
    }

    @Test func aTableThatEndsWithTotalsIsReported() throws {
        let reading = try readCSV(
            "Campaign,Clicks,Cost\nSpring,120,30.5\nSummer school,80,12\nTotal: Account,200,42.5\nTotal: Search,--,--\n\nGenerated 2024-04-01 by Ads\n"
        )
        #expect(reading.rows.count == 4)
        #expect(
            reading.warnings.contains(
                "input.csv:4: warning: the table ends with 2 rows that read as totals of the rows above (Total, Grand total, Insgesamt, Transactions Total…): read as rows, as written; leave them out before adding up (lines 4, 5)"
            ))
        // A total inside the table, or words that only start alike (`Totalizer`, `Summer`), are not reported.
        let inside = try readCSV("region,city,n\nNorth,A,10\nNorth total,,10\nSouth,B,5\nTotalizer,C,1\nSummer,D,2\n")
        #expect(inside.rows.count == 5)
        #expect(inside.warnings.isEmpty)
        let brokerage = try readCSV(
            "Date,Action,Amount\n04/27/2023,Buy,-3320.05\n04/20/2023,Journal,7461.72\nTransactions Total,,-1574.04\n")
        #expect(brokerage.warnings.contains { $0.contains("1 row that reads as a total") && $0.contains("(line 4)") })
        let grand = try readCSV(",Total\nAmy,1\nBill,2\nGRAND TOTAL,3\n")
        #expect(grand.warnings.contains { $0.contains("1 row that reads as a total") && $0.contains("(line 4)") })
    }

    /// Bank statements write their opening and closing balances below the bookings, padded to the table's width:
    /// reported like totals. A booking that names a balance, or a balance line inside the table, is not.
    @Test func balanceLinesBelowTheBookingsAreReported() throws {
        let header = "Buchungstag;Valuta;Empfänger;Konto;BLZ;Vorgang;Währung;Umsatz;Betrag;Soll/Haben\n"
        let bookings =
            "17.07.2012;17.07.2012;Foo GmbH;123;456;Vergütung;EUR;;170,00;H\n"
            + "18.07.2012;18.07.2012;Bar AG;789;012;Balance transfer;EUR;;20,00;S\n"
        let balances = "17.07.2012;;;;;;EUR;Anfangssaldo;0,00;H\n08.08.2012;;;;;;EUR;Endsaldo;2.729,50;H\n"
        let reading = try readCSV(header + bookings + "\n" + balances)
        #expect(reading.rows.count == 4)
        #expect(
            reading.warnings == [
                "input.csv:5: warning: the table ends with 2 rows that state a balance (Anfangssaldo, Endsaldo, Closing balance…): read as rows, as written; leave them out before adding up (lines 5, 6)"
            ])
        let inside = try readCSV(header + balances + bookings)
        #expect(inside.warnings.isEmpty)
    }

    @Test func rulesUnderTheHeaderAreSkipped() throws {
        // SQL*Plus with `SET COLSEP ','`: a rule under the header, and again under each page's header.
        let reading = try readCSV(
            "     EMPNO,ENAME     ,       SAL\n----------,----------,----------\n      7369,SMITH     ,       800\n\n"
                + "     EMPNO,ENAME     ,       SAL\n==========,==========,==========\n      7499,ALLEN     ,      1600\n"
        )
        #expect(reading.header == ["EMPNO", "ENAME", "SAL"])
        #expect(
            reading.rows == [["      7369", "SMITH     ", "       800"], ["      7499", "ALLEN     ", "      1600"]])
        #expect(reading.lines == [3, 7])
        #expect(
            reading.warnings.contains(
                "input.csv:2: warning: 2 rows are rules of dashes, as database tools print under a header (-----,-----): skipped (lines 2, 6)"
            ))
        // Dashes for missing values, or a rule beside a value, are rows.
        let dashes = try readCSV("region,2019,2020\n-,-,-\nNorth,---,12\n--,--,--\n")
        #expect(dashes.rows == [["-", "-", "-"], ["North", "---", "12"], ["--", "--", "--"]])
        #expect(dashes.warnings.isEmpty)
    }

    @Test func theHeaderRepeatedWithColumnsAddedOrLeftOutIsReadByName() throws {
        let first = (1...8).map { "\($0),City \($0),201\($0)\n" }.joined()
        let reading = try readCSV(
            "id,city,year\n" + first
                + "uuid,id,year,city,region\nu2,12,2020,Lyon,EU\nuuid,id,year,city,region\nu4,14,2022,Caen,EU\n"
                + "id,city\n15,Bonn\n16,Ulm,x\n")
        #expect(reading.rows.count == 11)
        #expect(reading.rows.suffix(3) == [["12", "Lyon", "2020"], ["14", "Caen", "2022"], ["15", "Bonn", ""]])
        #expect(reading.lines.suffix(3) == [11, 13, 15])
        #expect(reading.rejects.map(\.location.line) == [16])
        #expect(reading.rejects.map(\.reason) == ["expected 2 fields, found 3"])
        #expect(
            reading.warnings == [
                "input.csv:10: warning: line 10 repeats the header with columns added ('uuid', 'region'), as where exports of two versions were joined: skipped; the rows below it are read by name, without the added columns",
                "input.csv:12: warning: line 12 repeats the header with columns added ('uuid', 'region'), as where exports of two versions were joined: skipped; the rows below it are read by name, without the added columns",
                "input.csv:14: warning: line 14 repeats the header with columns left out ('year'), as where exports of two versions were joined: skipped; the rows below it are read by name, with the left-out columns empty",
            ])
        // Names with one not in the header, or a single name, are a bad row, not a header.
        let ragged = try readCSV("id,city,year\n1,Paris,2019\ncity,year,note,x\nid,x\n2,Lyon,2020\n")
        #expect(ragged.rows == [["1", "Paris", "2019"], ["2", "Lyon", "2020"]])
        #expect(ragged.rejects.map(\.location.line) == [3, 4])
        #expect(ragged.warnings.isEmpty)
    }

    @Test func theHeaderRepeatedWithAnotherDelimiterSplitsTheRowsBelowIt() throws {
        let reading = try readCSV(
            "id,city,year\n1,Paris,2019\n\u{FEFF}year;id;city\n2019;3;Berlin\n\"2020\";4;\"Bonn; am Rhein\"\nid,city,year\n5,Nice,2021\n"
        )
        #expect(
            reading.rows == [
                ["1", "Paris", "2019"], ["3", "Berlin", "2019"], ["4", "Bonn; am Rhein", "2020"],
                ["5", "Nice", "2021"],
            ])
        #expect(reading.lines == [2, 4, 5, 7])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:6: warning: 1 row repeats the header, as where files were joined: skipped (line 6)",
                "input.csv:3: warning: 1 row repeats the header with another delimiter, as where files of two locales were joined: skipped, and the rows below it split by that delimiter (line 3)",
                "input.csv:3: warning: 1 row starts with a byte order mark (U+FEFF), as where files were joined: left out of the first value (line 3)",
            ])
        // With no row after it, it is a row as written: a bad one.
        let last = try readCSV("id,city,year\n1,Paris,2019\nid;city;year\n")
        #expect(last.rows == [["1", "Paris", "2019"]])
        #expect(last.rejects.map(\.reason) == ["expected 3 fields, found 1"])
        #expect(last.warnings.isEmpty)
    }

    @Test func linesQuotedWholeAreReadInsideTheirQuotes() throws {
        let text =
            "\"id,name,year\"\r\n\"1,\"\"Paris, FR\"\",2019\"\r\n\"2,Lyon,2020\"\r\n\r\n\"3,\"\"Say \"\"\"\"hi\"\"\"\"\"\",2021\"\r\n"
        let reading = try readCSV(text)
        #expect(reading.header == ["id", "name", "year"])
        #expect(reading.rows == [["1", "Paris, FR", "2019"], ["2", "Lyon", "2020"], ["3", "Say \"hi\"", "2021"]])
        #expect(reading.lines == [2, 3, 5])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: every line is quoted whole, as one value that holds the line (\"1,\"\"a, b\"\",3\"): each is read as the line inside its quotes, with its doubled quotes undoubled, and columns count from the first character inside; set quote: '\"' to read each line as one value"
            ])
        // Every line of the sample must be quoted whole: with one that is not, each is read as written.
        let mixed = try readCSV("\"a,b,c\"\n\"1,2,3\"\n\"4,5\",6\n\"7,8,9\"\n")
        #expect(mixed.rows == [["1,2,3"], ["7,8,9"]])
        #expect(mixed.rejects.map(\.location.line) == [3])
        // Declaring the quote reads each line as one value.
        let declared = try readCSV("\"a,b\"\n\"1,2\"\n", options: CSVOptions(quote: UInt8(ascii: "\"")))
        #expect(declared.rows == [["1,2"]])
    }

    @Test func linesQuotedWholeAreReadAcrossChunks() throws {
        var rows = (1...60_000).map { "\"\($0),\"\"City \($0), KR\"\",\(2000 + $0 % 25)\"\n" }
        // Below the sample, a line that is not quoted whole is read as written.
        rows[49_999] = "50000,\"City 50000, KR\",2000\n"
        let reading = try readCSV("\"id,city,year\"\n" + rows.joined())
        #expect(reading.rows.count == 60_000)
        #expect(reading.rows[49_999] == ["50000", "City 50000, KR", "2000"])
        #expect(reading.rejects.isEmpty)
        #expect(reading.rows.last == ["60000", "City 60000, KR", "2000"])
        #expect(reading.lines.last == 60_001)
        #expect(reading.rows.enumerated().allSatisfy { $0.element[0] == String($0.offset + 1) })
    }

    @Test func oneColumnOfQuotedValuesStaysAColumn() throws {
        let sentences = try readCSV("\"comment, note\"\n\"Good, very good\"\n\"Bad, bad, really bad\"\n\"ok\"\n")
        #expect(sentences.rows == [["Good, very good"], ["Bad, bad, really bad"], ["ok"]])
        #expect(sentences.warnings.isEmpty)
        let names = try readCSV("\"name\"\n\"Smith, John\"\n\"Doe, Jane\"\n")
        #expect(names.rows == [["Smith, John"], ["Doe, Jane"]])
        let single = try readCSV("\"a,b\"\n")
        #expect(single.header == ["a,b"])
    }

    @Test func theHeaderRepeatedInAnotherOrderIsSkippedAndTheRowsBelowAreReadByName() throws {
        let reading = try readCSV(
            "id,city,year\n1,Paris,2019\ncity, year,id\nBerlin,2020,2\n\"Bonn \"\"am Rhein\"\"\",2021,3\n\nSource: two exports,,\n"
        )
        #expect(
            reading.rows == [["1", "Paris", "2019"], ["2", "Berlin", "2020"], ["3", "Bonn \"am Rhein\"", "2021"]])
        #expect(reading.lines == [2, 4, 5])
        #expect(
            reading.warnings == [
                "input.csv:7: warning: 1 line below the table reads as notes, not rows: skipped (line 7; 'Source: two exports')",
                "input.csv:3: warning: 1 row repeats the header's names in another order, as where files were joined: skipped, and the rows below it read by name (line 3)",
            ])
        // A mapping by name reads the value under its name; a bad row names the column it is in on its line.
        let mapped = try readCSV("id,city,year\ncity,year,id\nBerlin,2020,2\nBonn,2021\n", columns: ["year", "id"])
        #expect(mapped.rows == [["2020", "2"]])
        #expect(mapped.rejects.map(\.location.line) == [4])
        // The header in its order again puts the rows back in it.
        let back = try readCSV("id,city,year\ncity,year,id\nBerlin,2020,2\nid,city,year\n3,Bonn,2021\n")
        #expect(back.rows == [["2", "Berlin", "2020"], ["3", "Bonn", "2021"]])
        #expect(back.warnings.count == 2)
        // The last row of a codebook may name the columns in any order: with no row after it, it is a row as written.
        let codebook = try readCSV("name,label,kind\nid,identifier,text\nlabel,kind,name\n")
        #expect(codebook.rows == [["id", "identifier", "text"], ["label", "kind", "name"]])
        #expect(codebook.warnings.isEmpty)
        // Two names swapped, or names repeated, are data: `to,from` under `from,to` is a row.
        let pair = try readCSV("from,to\nto,from\n1,2\n")
        #expect(pair.rows == [["to", "from"], ["1", "2"]])
        let repeated = try readCSV("a,b,c\n1,2,3\nb,b,a\n4,5,6\n")
        #expect(repeated.rows == [["1", "2", "3"], ["b", "b", "a"], ["4", "5", "6"]])
        #expect(repeated.warnings.isEmpty)
    }

    @Test(arguments: ["a,b\r\n1,2\r\n\u{1A}", "a,b\n1,2\u{1A}", "a,b\n1,2\n" + String(repeating: "\u{1A}", count: 100)])
    func aCtrlZAtTheEndIsLeftOut(text: String) throws {
        let reading = try readCSV(text)
        #expect(reading.rows == [["1", "2"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv: warning: the file ends with Ctrl-Z (0x1A), the end-of-file mark of old DOS tools: left out"
            ])
    }

    /// Ruby's and Go's CSV tests, fread's test 1778: in a file whose lines end with LF, a carriage return alone
    /// inside a line is part of a value; where carriage returns alone end whole rows, they end lines.
    @Test func aCarriageReturnInsideALineOfAnLFFileIsPartOfTheValue() throws {
        let reading = try readCSV("A,B,C\n0,,\n1,hello\rworld,2\n3,\"te\rst\",4\n5,x,6\n")
        #expect(reading.rows == [["0", "", ""], ["1", "hello\rworld", "2"], ["3", "te\rst", "4"], ["5", "x", "6"]])
        #expect(reading.lines == [2, 3, 4, 5])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: the file's lines end with LF, and a carriage return (CR) alone inside a line is read as part of its value, not as a line break"
            ])
        let mixed = try readCSV("a,b\n1,2\r3,4\n5,6\r7,8\n")
        #expect(mixed.rows == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(mixed.warnings.isEmpty)
    }

    /// fread's test 1816.2: a file cut short, or written into space set aside for it, ends with NUL bytes.
    @Test(arguments: ["a,b\n5,2\0\0\0", "a,b\r\n5,2\r\n\0"])
    func nulBytesAtTheEndAreLeftOut(text: String) throws {
        let reading = try readCSV(text)
        #expect(reading.rows == [["5", "2"]])
        #expect(reading.rejects.isEmpty)
        let count = text.utf8.reversed().prefix { $0 == 0 }.count
        #expect(
            reading.warnings == [
                "input.csv: warning: the file ends with \(count) NUL byte\(count == 1 ? "" : "s") (0x00), padding that no text has: left out"
            ])
    }

    @Test func aByteOrderMarkDoesNotVouchForTheBytesAfterIt() throws {
        let reading = try readCSV([0xEF, 0xBB, 0xBF] + Array("id,name\n1,M".utf8) + [0xFC] + Array("ller\n".utf8))
        #expect(reading.rows == [["1", "Müller"]])
        #expect(reading.warnings.first?.hasPrefix("input.csv:2:4: warning: not valid UTF-8 (byte 0xFC)") == true)
        let secondMark = try readCSV([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("id,name\n1,a\n".utf8))
        #expect(secondMark.header == ["id", "name"])
    }

    @Test func nulBytesInValuesAreReadAndReported() throws {
        let reading = try readCSV("a,b\n1,x\u{0}y\n2,z\n")
        #expect(reading.rows == [["1", "x\u{0}y"], ["2", "z"]])
        let padded = try readCSV("id\u{0}\u{0},name\u{0}\n1,Ann\n")
        #expect(padded.header == ["id", "name"])
        #expect(
            padded.warnings == [
                "input.csv:1:1: warning: header columns 1, 2: NUL bytes or a byte order mark (U+FEFF) around the name left out ('id')"
            ])
        #expect(
            reading.warnings == [
                "input.csv:2: warning: 1 row holds NUL bytes (0x00) in its values, which no text has: read with them (line 2)"
            ])
    }

    @Test func anEmptyFileSaysSo() throws {
        for text in ["", "\u{FEFF}", "\n\n\r\n"] {
            let reading = try readCSV(text)
            #expect(reading.rows.isEmpty && reading.rejects.isEmpty)
            #expect(
                reading.warnings == [
                    "input.csv:1: warning: the file has no header and no rows: it is empty or holds only blank or comment lines"
                ])
        }
    }

    @Test func excelsSeparatorHintNamesTheDelimiter() throws {
        let reading = try readCSV("sep=;\nArtikel;Preis\nA1;1,50\nA2;2,00\n")
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.header == ["Artikel", "Preis"])
        #expect(reading.rows == [["A1", "1,50"], ["A2", "2,00"]])
        #expect(reading.dialect.headerLine == 2)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: line 1 is Excel's separator hint (sep=;): the file is read with that delimiter and the line skipped"
            ])
    }

    @Test func backslashEscapedQuotesAreDetected() throws {
        let text = """
            Year;Make;Model;Price
            1997;Ford;"ac; abs";3000,00
            1999;Chevy;"Venture \\"Extended Edition; Large\\"";4900,00
            2000;Jeep;"C:\\\\data\\\\";10

            """
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.dialect.escape == UInt8(ascii: "\\"))
        #expect(
            reading.rows == [
                ["1997", "Ford", "ac; abs", "3000,00"],
                ["1999", "Chevy", "Venture \"Extended Edition; Large\"", "4900,00"],
                ["2000", "Jeep", "C:\\data\\", "10"],
            ])
        #expect(reading.warnings.count == 1)
        let declined = try readCSV(text, options: CSVOptions(detectsEscape: false))
        #expect(declined.dialect.escape == nil)
    }

    @Test func doubledQuotesNextToBackslashesStayRFC4180() throws {
        let reading = try readCSV("path,note\n\"C:\\\",\"say \"\"hi\"\"\"\n\"D:\\x\",plain\n")
        #expect(reading.dialect.escape == nil)
        #expect(reading.rows == [["C:\\", "say \"hi\""], ["D:\\x", "plain"]])
    }

    @Test func spacesBetweenDelimitersAndQuotesAreLeftOut() throws {
        let reading = try readCSV("ID, Test\n1, \"Test, line 1\"\n2, \"Test \"\" line 2\" \n3, plain\n")
        #expect(reading.rows == [["1", "Test, line 1"], ["2", "Test \" line 2"], ["3", "plain"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings.contains { $0.contains("spaces after delimiters and around quoted fields are left out") })
    }

    /// Exports that pad their columns write spaces after a closing quote; read strictly, each such row is bad.
    @Test func spacesAfterAClosingQuoteAreLeftOut() throws {
        let reading = try readCSV("ingredients,item_tax_data\n\"onions\"  ,\",\"\n\"leeks\",\"a\"\n")
        #expect(reading.rows == [["onions", ","], ["leeks", "a"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: spaces after delimiters and around quoted fields are left out (1, \"a, b\", 3 reads as 1 and a, b and 3)"
            ])
        // One quoted field after spaces is enough: the padded header of a fixed-width export.
        let padded = try readCSV(" ITERATION  ,  THETA1   ,    \"THETA2\"\n  2  ,  3.95527E+01  ,  2.10651E+01\n")
        #expect(padded.header == ["ITERATION", "THETA1", "THETA2"])
        #expect(padded.rejects.isEmpty)
        let strict = try readCSV("a,b\n\"x\"y,1\n\"z\",2\n")
        #expect(strict.rows == [["z", "2"]])
        #expect(strict.rejects.map(\.location.line) == [2])
    }

    @Test func aQuoteAfterASpaceInsideQuotedTextIsNotASpacedField() throws {
        let reading = try readCSV("id,note,code\n1,\"said, \"\"hi\"\"\",  A1\n2,\"and, \"\"bye\"\"\",  B2\n")
        #expect(reading.rows == [["1", "said, \"hi\"", "  A1"], ["2", "and, \"bye\"", "  B2"]])
        #expect(reading.warnings.isEmpty)
    }

    @Test func validUTF8StaysWhenAFewBytesAreWindows1252() throws {
        var bytes = Array("id,name\n1,Café Zoë\n2,Montréal\n".utf8)
        bytes += Array("3,M".utf8) + [0xE9] + Array("rida \u{2019}".utf8) + [0x80, 0x0A]
        let reading = try readCSV(bytes)
        #expect(reading.rows == [["1", "Café Zoë"], ["2", "Montréal"], ["3", "Mérida \u{2019}€"]])
        #expect(reading.dialect.encoding.encoding == .windows1252)
        #expect(reading.dialect.encoding.name == "utf-8+windows-1252")
        #expect(
            reading.warnings == [
                "input.csv:4:4: warning: not valid UTF-8 (byte 0xE9); read as Windows-1252, like any other byte that breaks UTF-8; the rest is UTF-8"
            ])
    }

    @Test func anASCIIStartLeavesTheDecisionToTheBytesAroundTheFirstBadOne() throws {
        var bytes = Array("id,name\n".utf8)
        for row in 1...5_000 { bytes += Array("\(row),plain name \(row)\n".utf8) }
        bytes += Array("5001,Zoë\n5002,M".utf8) + [0xE9] + Array("rida\n".utf8)
        let reading = try readCSV(bytes)
        #expect(reading.rows.suffix(2) == [["5001", "Zoë"], ["5002", "Mérida"]])
        #expect(reading.dialect.encoding.name == "utf-8+windows-1252")
    }

    @Test(arguments: [
        ([0x1F, 0x8B, 0x08, 0x00], "a gzip-compressed file (decompress it first)"),
        (Array("PK\u{03}\u{04}rest".utf8), "a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], "an Excel 97-2003 workbook (.xls): save it as CSV"),
        (Array("%PDF-1.7\n".utf8), "a PDF document"),
        (
            Array("\n  <!DOCTYPE html><html><body>404</body></html>".utf8),
            "a web page (HTML), perhaps what a download returned instead of the file"
        ),
        (Array("<?xml version=\"1.0\"?>\n<rows/>\n".utf8), "an XML document (a source with format: xml reads it)"),
        (Array("[{\"a\": 1}]".utf8), "JSON (a source with format: csv reads delimited text only)"),
        ([UInt8](repeating: 0, count: 64), "binary data (NUL bytes only)"),
        (Self.controlBytes, "binary data (control bytes no text has)"),
        (Array("{\"a\": 1}\n{\"a\": 2}\n".utf8), "JSON (a source with format: csv reads delimited text only)"),
    ])
    func aFileThatIsNotTextIsNamedForWhatItIs(bytes: [UInt8], kind: String) throws {
        #expect(throws: IngestError.notDelimitedText(path: "input.csv", looksLike: kind)) { try readCSV(bytes) }
    }

    @Test(arguments: [false, true])
    func utf32WithAByteOrderMarkIsRead(bigEndian: Bool) throws {
        var bytes: [UInt8] = bigEndian ? [0x00, 0x00, 0xFE, 0xFF] : [0xFF, 0xFE, 0x00, 0x00]
        for scalar in "city,flag\nKraków,🇵🇱\n".unicodeScalars {
            let value = scalar.value
            let units = [
                UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF),
            ]
            bytes += bigEndian ? units : units.reversed()
        }
        let reading = try readCSV(bytes)
        #expect(reading.dialect.encoding.encoding == (bigEndian ? .utf32BigEndian : .utf32LittleEndian))
        #expect(reading.rows == [["Kraków", "🇵🇱"]])
    }

    @Test func anOddByteAtTheEndOfUTF16IsAReplacementCharacterNotLost() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a,b\n1,2\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reading = try readCSV(bytes + [0x33])
        #expect(reading.rows == [["1", "2"]])
        #expect(reading.rejects.map(\.location.line) == [3])
        #expect(reading.rejects.first?.value == "\u{FFFD}")
        var surrogate: [UInt8] = [0xFF, 0xFE]
        for unit in Array("a,b\n1,x".utf16) + [0xD800] + Array("y\n".utf16) {
            surrogate += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let unpaired = try readCSV(surrogate)
        #expect(unpaired.rows == [["1", "x\u{FFFD}y"]])
        #expect(
            unpaired.warnings == [
                "input.csv: warning: 1 code unit is no Unicode character (an unpaired surrogate, or an odd byte at the end of UTF-16): read as U+FFFD (\u{FFFD})"
            ])
    }

    /// Eurostat's `.tsv` files join their first columns with commas, which split each row as consistently as the
    /// tabs: a file named `.tsv` is read with tabs then; named `.csv`, with commas.
    @Test func aTSVFileIsReadWithTabsWhenTheySplitItAsWell() throws {
        let text = "unit,sex,geo\\time\t2021 \t2020 \nPC,T,AT\t6.2 \t6.0 \nPC,T,BE\t6.3 \t5.8 b\nPC,T,BG\t5.3 \t: \n"
        let folder = TestPaths.temporaryFolder("tsv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("une_rt_a.tsv")
        try Data(text.utf8).write(to: url)
        let tsv = try readCSV(at: url, displayPath: "une_rt_a.tsv")
        #expect(tsv.dialect.delimiter == 0x09)
        #expect(tsv.header == ["unit,sex,geo\\time", "2021", "2020"])
        #expect(tsv.rows[1] == ["PC,T,BE", "6.3 ", "5.8 b"])
        #expect(try readCSV(text).dialect.delimiter == UInt8(ascii: ","))
    }

    @Test func anUnusualDelimiterIsFoundWhenNoUsualOneSplits() throws {
        let text = "'Harry''s':'Arlington Heights':'IL':'2/1/03'\n'Shark City':'Glendale Heights':'IL':'12/28/02'\n"
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == UInt8(ascii: ":"))
        #expect(reading.dialect.quote == UInt8(ascii: "'"))
        #expect(reading.rows.first == ["Harry's", "Arlington Heights", "IL", "2/1/03"])
        #expect(
            reading.warnings.first?.hasSuffix(
                "no usual delimiter (, ; tab |) splits the file; it is read with ':', which does") == true)
        let times = try readCSV("time\n12:30\n13:45\n")
        #expect(times.dialect.delimiter == UInt8(ascii: ","))
        #expect(times.rows == [["12:30"], ["13:45"]])
    }

    @Test func aHeaderThatCannotBeReadStopsTheFileAfterThreeLines() throws {
        let text = "a,\"b\"x,c\n1,\"2\"y,3\n4,\"5\"z,6\n7,\"8\"w,9\n"
        #expect {
            try readCSV(text)
        } throws: { error in
            guard case .badHeader(let location, let message) = error as? IngestError else { return false }
            return location.line == 3 && message.hasPrefix("no header: 3 lines in a row cannot be read")
        }
        let once = try readCSV("a,\"b\"x,c\nh1,h2,h3\n1,2,3\n")
        #expect(once.header == ["h1", "h2", "h3"])
        #expect(once.warnings.count == 1)
    }

    /// fread's test 1806 and a lab analyser's export in csvtojson's tests: a header CSV cannot read over rows of
    /// data is read leniently, each name as written between the delimiters.
    @Test func aHeaderWithAStrayQuoteOverDataIsReadAsWritten() throws {
        let unterminated = try readCSV("\"A,B,C\n1,2,3\n4,5,6\n")
        #expect(unterminated.header == ["\"A", "B", "C"])
        #expect(unterminated.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(
            unterminated.warnings == [
                "input.csv:1:1: warning: the header line cannot be read as CSV (unterminated quoted field (the quote opened here never closes)); its 3 names are read as written between the delimiters"
            ])
        let inside = try readCSV("Sample,\"Age\" (years),Weight,\n\"12669\",34,70\n\"12668\",41,82\n")
        #expect(inside.header == ["Sample", "\"Age\" (years)", "Weight"])
        #expect(inside.rows == [["12669", "34", "70"], ["12668", "41", "82"]])
    }

    @Test func aHeaderNamingFewerColumnsThanTheRowsStaysTheHeader() throws {
        let reading = try readCSV("name,city\nAnn,Paris,FR\nBob,Rome,IT\n")
        #expect(reading.header == ["name", "city"])
        #expect(reading.rejects.map(\.location.line) == [2, 3])
        #expect(reading.warnings.isEmpty)
    }

    /// R's write.table numbers its rows in a first column that its header leaves out.
    @Test func rowNumbersTheHeaderLeavesOutAreAColumn() throws {
        let reading = try readCSV(
            "\"x\"\t\"y\"\t\"v\"\n\"1\"\t\"a\"\t1\t10\n\"2\"\t\"a\"\t3\t11\n\"3\"\t\"b\"\t6\t12\n")
        #expect(reading.header == ["column_1", "x", "y", "v"])
        #expect(reading.rows == [["1", "a", "1", "10"], ["2", "a", "3", "11"], ["3", "b", "6", "12"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:1: warning: the header names 3 columns and every row has 4: the first column, which the header does not name, is read as the rows' names (as R's write.table writes them)",
                "input.csv:1:1: warning: header column 1 has no name; it is called 'column_1'",
            ])
    }

    @Test func paddingAboveATitleIsSkippedWithIt() throws {
        let reading = try readCSV(
            ",,\nReport of payments,,\n,,\nSupplier,Description,Amount\nACME,Chairs,\"1,200.50\"\n")
        #expect(reading.header == ["Supplier", "Description", "Amount"])
        #expect(reading.rows == [["ACME", "Chairs", "1,200.50"]])
        #expect(reading.dialect.headerLine == 4)
    }

    @Test func aNamedHeaderLineIsAHeaderWhateverItHolds() throws {
        let reading = try readCSV("Report\n1,2,3\n4,5,6\n", options: CSVOptions(headerLine: 2))
        #expect(reading.header == ["1", "2", "3"])
        #expect(reading.rows == [["4", "5", "6"]])
    }

    @Test(arguments: ["time\n12:30:00\n13:45:10\n09:05:59\n", "ts\n2024-01-01T12:00:00Z\n2024-01-02T13:30:00Z\n"])
    func aSingleColumnOfTimesIsNotSplitAtColons(text: String) throws {
        let reading = try readCSV(text)
        #expect(reading.dialect.delimiter == UInt8(ascii: ","))
        #expect(reading.header.count == 1)
        #expect(reading.rows.count == text.split(separator: "\n").count - 1)
    }

    @Test func apostrophesThatOnlyStartFieldsAreNotQuotes() throws {
        let reading = try readCSV("id,name\n1,'Tis Ltd\n2,'Salem's Lot\n3,plain\n")
        #expect(reading.dialect.quote == UInt8(ascii: "\""))
        #expect(reading.rows == [["1", "'Tis Ltd"], ["2", "'Salem's Lot"], ["3", "plain"]])
        let quoted = try readCSV("'a'|'b'|'c'\n'd'|e|f\n")
        #expect(quoted.dialect.quote == UInt8(ascii: "'"))
        #expect(quoted.header == ["a", "b", "c"])
    }

    @Test func aSeparatorHintMayNameAnyPunctuation() throws {
        let reading = try readCSV("sep=~\nid~name\n1~Ann\n")
        #expect(reading.dialect.delimiter == UInt8(ascii: "~"))
        #expect(reading.rows == [["1", "Ann"]])
    }

    @Test func aFileOfCommentsAloneSaysItHasNoRows() throws {
        let reading = try readCSV("# exported 2024-05-01\n# nothing to export\n")
        #expect(reading.rows.isEmpty && reading.rejects.isEmpty)
        #expect(reading.warnings.last?.hasSuffix("it is empty or holds only blank or comment lines") == true)
        #expect(reading.header.isEmpty && !reading.dialect.hasHeader)
        let blank = try readCSV("\r\n\r\n\r\n")
        #expect(blank.header.isEmpty && !blank.dialect.hasHeader && blank.rows.isEmpty)
    }

    @Test func aLineOfTabsInATabSeparatedFileIsAnEmptyRow() throws {
        let reading = try readCSV("a\tb\tc\n1\t2\t3\n\t\t\n4\t5\t6\n")
        #expect(reading.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(
            reading.warnings == [
                "input.csv:3: warning: 1 line holds only delimiters, as spreadsheets write an empty row: skipped as blank (line 3)"
            ])
    }

    @Test func aHeaderEndingWithADelimiterTheRowsLackNamesNoColumn() throws {
        let reading = try readCSV("a;b;c;\n1;2;3\n4;5;6\n")
        #expect(reading.header == ["a", "b", "c"])
        #expect(reading.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: the header ends with a delimiter that its rows do not have; the empty column it would add is left out"
            ])
    }

    /// csvkit's test_empty_columns.csv: a header that ends with two empty names has empty columns, not a
    /// delimiter at the end of every line; and where every line does end with one, a line of delimiters alone one
    /// wider than the table is an empty row (csvkit's FY09_EDU_Recipients_by_State.csv).
    @Test func emptyColumnsAtTheEndAreColumns() throws {
        let reading = try readCSV("a,b,c,,\na,,,,\n,,c,\n,,,,\n")
        #expect(reading.header == ["a", "b", "c", "column_4", "column_5"])
        #expect(reading.rows == [["a", "", "", "", ""]])
        #expect(reading.rejects.map(\.location.line) == [3])
        let terminated = try readCSV("State,Code,Total,\nAlabama,01,\"6,718\",\nAlaska,02,776,\n,,,\n")
        #expect(terminated.header == ["State", "Code", "Total"])
        #expect(terminated.rows == [["Alabama", "01", "6,718"], ["Alaska", "02", "776"]])
        #expect(terminated.rejects.isEmpty)
    }

    /// csvtojson's trailingComma.csv: a delimiter and a space at the end of each row add no column either.
    @Test func aDelimiterAndSpacesAtTheEndOfARowAddNoField() throws {
        let reading = try readCSV("field1,field2\nvalue1,value2, \nvalue3,value4,\n")
        #expect(reading.rows == [["value1", "value2"], ["value3", "value4"]])
        #expect(reading.rejects.isEmpty)
        #expect(
            reading.warnings == [
                "input.csv:2: warning: 2 rows end with a delimiter beyond the header's 2 columns; read without the empty field after it"
            ])
    }

    @Test func aHeaderAndRowsEndingWithADelimiterAddNoColumn() throws {
        let reading = try readCSV("a;b;\n1;2;\n3;4;\n")
        #expect(reading.header == ["a", "b"])
        #expect(reading.rows == [["1", "2"], ["3", "4"]])
        #expect(
            reading.warnings == [
                "input.csv:1: warning: the header and its rows end with a delimiter; the empty column it would add is left out",
                "input.csv:2: warning: 2 rows end with a delimiter beyond the header's 2 columns; read without the empty field after it",
            ])
    }

    @Test func namesMadeUpForColumnsNeverTakeAnotherColumnsName() throws {
        let repeated = try readCSV("a,a,a_2\n1,2,3\n")
        #expect(repeated.header == ["a", "a_3", "a_2"])
        let unnamed = try readCSV(",column_1,b\n1,2,3\n")
        #expect(unnamed.header == ["column_1_2", "column_1", "b"])
        #expect(unnamed.warnings == ["input.csv:1:1: warning: header column 1 has no name; it is called 'column_1_2'"])
    }

    @Test func aFileOfOneLineWithoutALineEndIsDetectedLikeAnyOther() throws {
        let reading = try readCSV("a;b;c")
        #expect(reading.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reading.header == ["a", "b", "c"])
        #expect(reading.rows.isEmpty)
        let rows = try readCSV("a;b\n1;2")
        #expect(rows.rows == [["1", "2"]])
    }

    @Test func aBlockOfNotesAboveTheTableIsSkippedEvenWithDelimitersInIt() throws {
        let reading = try readCSV("Station: Bern; Alt: 540 m\nPeriod: 2023\ndate;temp;rain\n2023-01-01;1.5;0.0\n")
        #expect(reading.header == ["date", "temp", "rain"])
        #expect(reading.rows == [["2023-01-01", "1.5", "0.0"]])
        #expect(reading.dialect.headerLine == 3)
    }
}
