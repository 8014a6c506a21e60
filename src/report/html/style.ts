/** The report's inline stylesheet: system fonts only, nothing fetched. */
export const REPORT_CSS = `
:root{--fg:#1d2430;--muted:#5b6676;--line:#dde2e8;--bg:#fff;--panel:#f6f8fa;--pass:#1a7f37;--warn:#9a6700;
--fail:#cf222e;--nm:#6e7781;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:1080px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:14px;margin:18px 0 6px;color:var(--muted)}
.sub{color:var(--muted);margin:0 0 16px;word-break:break-all}
.banner{padding:8px 12px;border-radius:6px;margin:8px 0;background:#fff8c5;border:1px solid #d4a72c}
.banner.bad{background:#ffebe9;border-color:#ff8182}
.banner.ok{background:#dafbe1;border-color:#4ac26b}
.banner ul{margin:4px 0 0;padding-left:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:14px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .label{color:var(--muted);font-size:12px}
.card .value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
.card .note{font-size:12px;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td code,pre,code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
td code{white-space:pre-wrap;word-break:break-word}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;
white-space:pre-wrap;word-break:break-word}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;
white-space:nowrap}
.pill.pass,.pill.improved{background:var(--pass)}.pill.warn{background:var(--warn)}
.pill.fail,.pill.regressed{background:var(--fail)}
.pill.not-measured,.pill.not-comparable,.pill.absent{background:var(--nm)}.pill.unchanged{background:#8c959f}
.pill.inconclusive{background:#54aeff}
.score{display:flex;align-items:center;gap:8px;margin:3px 0}
.score .name{width:140px}.score .bar{flex:1;height:10px;background:var(--panel);border:1px solid var(--line);
border-radius:5px;overflow:hidden}
.score .bar i{display:block;height:100%;background:var(--accent)}
.score .n{width:48px;text-align:right;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.remedy{color:var(--muted);font-size:12px;margin-top:2px}
figure.chart{margin:8px 0 2px}
figure.chart figcaption{font-size:13px;margin-bottom:2px}
figure.chart .key{margin-left:12px;color:var(--muted);white-space:nowrap}
figure.chart .key i{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
svg{display:block;overflow:visible}
svg .plot{fill:#fbfcfd;stroke:var(--line)}
svg .grid{stroke:#eceff2}svg .grid-x{stroke:#f3f5f7}
svg .tick{font-size:11px;fill:var(--muted)}
svg .series{fill:none;stroke-width:1.6;stroke-linejoin:round}
svg .series.dashed{stroke-dasharray:5 3}
svg .marker line{stroke:#cf222e;stroke-width:1.2;stroke-dasharray:4 3}
svg .marker.recover line{stroke:#1a7f37}svg .marker.info line{stroke:#8c959f}
svg .marker text{font-size:11px;fill:var(--fg)}
svg .gap{fill:#cf222e}
details{margin:8px 0}summary{cursor:pointer;color:var(--accent)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{main{max-width:none}details{display:none}}
`;
