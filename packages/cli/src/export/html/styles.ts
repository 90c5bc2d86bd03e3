/** The page's only style sheet, inlined: the export needs no other file. */
export const styles = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --paper: #ffffff; --wash: #f5f7fa;
  --window: rgba(62, 172, 112, 0.16); --window-edge: #3eac70; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--wash); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0; }
h4 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
code { font: 12px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
.meta { color: var(--muted); margin: 0 0 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 10px 14px; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
.legend-item { display: inline-flex; align-items: center; gap: 8px; }
.legend-item .marker { position: relative; display: inline-block; left: auto; top: auto; margin: 0 0 0 10px; }
.legend-item .swatch-window { display: inline-block; width: 34px; height: 14px; background: var(--window); border-left: 2px solid var(--window-edge); border-right: 2px dashed var(--window-edge); }
.purchase { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 14px 0; }
.purchase-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 2px 18px; margin: 8px 0 0; }
.facts div { display: flex; gap: 6px; } .facts dt { color: var(--muted); } .facts dd { margin: 0; white-space: nowrap; }
.status, .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.status-active { background: #e3f8ec; color: #196c3e; }
.status-cancellation-pending { background: #fff3c4; color: #8d5b00; }
.status-cancelled { background: #ffe3e3; color: #a61b1b; }
.keys { list-style: none; padding: 0; margin: 0; }
.keys li { display: flex; gap: 10px; align-items: center; padding: 2px 0; }
.badge-valid { background: #e3f8ec; color: #196c3e; }
.badge-revoked { background: #ffe3e3; color: #a61b1b; }
.badge-shredded { background: #323f4b; color: #ffffff; }
.timeline { display: grid; grid-template-columns: 150px 1fr; margin-top: 14px; }
.lane-label { height: 48px; line-height: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
.plot { position: relative; grid-column: 2; grid-row: 1 / span 4; }
.track { position: relative; height: 48px; border-top: 1px solid var(--line); }
.window-band { position: absolute; top: 0; bottom: 0; background: var(--window); border-left: 2px solid var(--window-edge); border-right: 2px dashed var(--window-edge); }
.window-band span { position: absolute; right: 6px; bottom: 2px; font-size: 11px; color: #1d6b43; white-space: nowrap; }
.axis { grid-column: 2; position: relative; height: 24px; border-top: 1px solid var(--muted); }
.tick { position: absolute; top: 0; transform: translateX(-50%); font-size: 11px; color: var(--muted); padding-top: 6px; white-space: nowrap; }
.tick::before { content: ""; position: absolute; left: 50%; top: 0; height: 5px; border-left: 1px solid var(--muted); }
.marker { position: absolute; width: 14px; height: 14px; transform: translateX(-50%); }
.row-0 { top: 17px; } .row-1 { top: 2px; } .row-2 { top: 32px; }
.m-purchased { background: #243b53; border-radius: 50%; }
.m-key-issued { background: #2f8132; transform: translateX(-50%) rotate(45deg) scale(.85); }
.m-key-viewed { border: 2px solid #2f8132; background: #ffffff; transform: translateX(-50%) rotate(45deg) scale(.85); }
.m-key-revoked::before, .m-key-revoked::after { content: ""; position: absolute; left: 6px; top: -1px; width: 3px; height: 16px; background: #c62828; }
.m-key-revoked::before { transform: rotate(45deg); } .m-key-revoked::after { transform: rotate(-45deg); }
.m-downloaded { width: 0; height: 0; border-left: 8px solid transparent; border-right: 8px solid transparent; border-top: 14px solid #6b3fa0; }
.m-link-copied { border: 3px solid #d9730d; border-radius: 50%; background: #ffffff; }
.m-cancel-requested { width: 0; height: 0; border-left: 8px solid transparent; border-right: 8px solid transparent; border-bottom: 14px solid #e0a800; }
.m-cancel-completed { background: #a61b1b; }
.m-cancel-rejected { border: 3px solid #7b8794; background: #ffffff; }
table.events { width: 100%; border-collapse: collapse; margin-top: 12px; font-size: 12.5px; }
table.events th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 4px 8px 4px 0; }
table.events td { border-bottom: 1px solid var(--wash); padding: 3px 8px 3px 0; vertical-align: top; }
table.events td.when { white-space: nowrap; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
