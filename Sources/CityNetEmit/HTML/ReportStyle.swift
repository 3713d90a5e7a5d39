/// The report's one inline stylesheet: the charts' system fonts and colours, a single column that reads at 375 px,
/// tables that scroll inside their own box, and a print layout that keeps each figure and table on one page.
///
/// Text uses the charts' two text colours, which keep WCAG AA contrast (at least 5.4:1) on white and on the
/// #F6F8FA of the headline cards.
enum ReportStyle {
    static let css = """
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          max-width: 60rem;
          margin: 0 auto;
          padding: 1.5rem 1rem 3rem;
          background: #FFFFFF;
          color: \(ChartPalette.text);
          font-family: \(ChartPalette.fontFamily);
          font-size: 1rem;
          line-height: 1.5;
          overflow-wrap: break-word;
        }
        header { margin-bottom: 2rem; padding-bottom: 1.5rem; border-bottom: 1px solid #D0D7DE; }
        h1 { margin: 0; font-size: 1.75rem; line-height: 1.25; }
        .subtitle { margin: .25rem 0 0; color: \(ChartPalette.mutedText); font-size: 1.125rem; }
        h2 { margin: 0 0 .75rem; font-size: 1.375rem; line-height: 1.3; }
        h3 { margin: 1.5rem 0 .5rem; font-size: 1.125rem; }
        p { margin: 0 0 .75rem; }
        section { margin: 0 0 2.5rem; }
        .headlines {
          display: grid;
          grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
          gap: .75rem;
          margin: 1.5rem 0 0;
          padding: 0;
          list-style: none;
        }
        .headlines li { padding: .75rem 1rem; background: #F6F8FA; border: 1px solid #D0D7DE; border-radius: 6px; }
        .headlines .figure {
          display: block;
          font-size: 2rem;
          font-weight: 700;
          line-height: 1.2;
          font-variant-numeric: tabular-nums;
        }
        .headlines .label { display: block; color: \(ChartPalette.mutedText); font-size: .9375rem; }
        figure { margin: 0 0 1.5rem; }
        details { margin: 0 0 1rem; }
        summary { padding: .25rem 0; color: \(ChartPalette.primary); cursor: pointer; }
        summary:focus-visible { outline: 2px solid \(ChartPalette.primary); outline-offset: 2px; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { margin-top: .5rem; color: \(ChartPalette.mutedText); font-size: .9375rem; }
        .table-wrap {
          max-width: 100%;
          margin: 0 0 1rem;
          overflow-x: auto;
          /* Shadows at an edge that hides columns: white covers scroll with the table, the shadows stay. */
          background:
            linear-gradient(to right, #FFFFFF 30%, rgba(255, 255, 255, 0)) left / 2rem 100% no-repeat local,
            linear-gradient(to left, #FFFFFF 30%, rgba(255, 255, 255, 0)) right / 2rem 100% no-repeat local,
            radial-gradient(farthest-side at 0 50%, rgba(31, 35, 40, .25), rgba(31, 35, 40, 0)) left / .75rem 100%
              no-repeat scroll,
            radial-gradient(farthest-side at 100% 50%, rgba(31, 35, 40, .25), rgba(31, 35, 40, 0)) right / .75rem 100%
              no-repeat scroll;
        }
        .table-wrap:focus-visible { outline: 2px solid \(ChartPalette.primary); outline-offset: 2px; }
        table { border-collapse: collapse; font-size: .9375rem; }
        caption { padding: 0 0 .5rem; color: \(ChartPalette.mutedText); text-align: left; }
        th, td {
          padding: .375rem .75rem;
          border-bottom: 1px solid #D0D7DE;
          text-align: left;
          vertical-align: top;
          white-space: nowrap;
        }
        th.wrap, td.wrap { min-width: 9rem; white-space: normal; }
        thead th { border-bottom: 2px solid #8C939C; font-weight: 600; white-space: normal; }
        tbody th { font-weight: 400; }
        tfoot th, tfoot td { border-top: 2px solid #8C939C; border-bottom: none; font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        code {
          font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
          font-size: .875em;
          overflow-wrap: anywhere;
        }
        dl { margin: 0 0 1rem; }
        .files dd { padding-left: 1rem; }
        dt { margin-top: .5rem; font-weight: 600; }
        dd { margin: 0; }
        ul.counts { margin: 0 0 1rem; padding-left: 1.25rem; }
        @media (max-width: 30rem) {
          th, td { padding: .375rem .5rem; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          .headlines li, .table-wrap { background: none; }
          .table-wrap { overflow: visible; }
          table { font-size: 8pt; }
          th, td { padding: .2rem .35rem; white-space: normal; }
          h2, h3 { break-after: avoid; }
          figure, table, .headlines li { break-inside: avoid; }
        }
        """
}
