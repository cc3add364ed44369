extension HTMLWriter {
    /// The page's whole style sheet: readable on screen and on paper, no web fonts.
    static let style = """
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; background: #fff;
          max-width: 1120px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        .summary { color: #444; }
        .warnings { border-left: 4px solid #d55e00; background: #fdf1e8; padding: .2rem 1rem .4rem; margin: 1rem 0; }
        .warnings h2 { border: none; margin-top: .6rem; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .88rem; margin: .5rem 0; }
        th, td { border: 1px solid #ccc; padding: .25rem .55rem; text-align: left; white-space: nowrap; }
        th { background: #f0f0f0; }
        tbody tr:nth-child(even) { background: #fafafa; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1rem 0 1.5rem; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
        figcaption { font-size: .85rem; color: #555; margin-top: .3rem; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88rem; }
        pre { background: #f6f6f6; border: 1px solid #e3e3e3; padding: .75rem; overflow-x: auto; }
        @media print { body { margin: 0; max-width: none; } figure { break-inside: avoid; } }
        """
}
