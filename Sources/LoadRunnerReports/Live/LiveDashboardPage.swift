/// The live dashboard `run --listen` serves at `/`: one self-contained page (inline CSS and script, no network
/// beyond its own `/api/state`) that polls the state once a second (after the first poll only the new seconds,
/// `?since=`, which it appends to those it has) and draws per-second charts with stage
/// boundaries and warm-ups marked, the stage and request tables, failures and notes, and links to the report
/// when the run is over. Colours, dashes and markers come from `ChartStyle`, so it reads in grey too.
package enum LiveDashboardPage {
    package static let html: String = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>LoadRunner live</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:\(ChartStyle.fontFamily);color:\(ChartStyle.ink);background:\(ChartStyle.background);margin:1rem 2rem}
        h1{font-size:1.4rem;margin:.2rem 0} h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
        #status{font-size:1.05rem;margin:.4rem 0 1rem} #status b{font-size:1.2rem}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:1rem}
        figure{margin:0} figcaption{font-weight:bold;margin-bottom:.2rem}
        svg{width:100%;height:auto;border:1px solid \(ChartStyle.grid)}
        table{border-collapse:collapse;font-size:.92rem} th,td{border:1px solid \(ChartStyle.grid);padding:.2rem .5rem;text-align:right}
        th{background:#F2F2F2} td:first-child,th:first-child{text-align:left}
        .legend span{margin-right:1rem;white-space:nowrap} .muted{color:\(ChartStyle.muted)}
        #done{border:2px solid \(ChartStyle.series[0].color);padding:.5rem 1rem;display:none}
        </style></head><body>
        <h1>LoadRunner live: <span id="profile"></span></h1>
        <div id="status" role="status" aria-live="polite">waiting for the first second…</div>
        <div id="done"></div>
        <div class="charts">
        <figure><figcaption>Requests/s</figcaption><svg id="c-rps" viewBox="0 0 560 220" role="img" aria-label="requests per second"></svg><div class="legend" id="l-rps"></div></figure>
        <figure><figcaption>Errors/s</figcaption><svg id="c-err" viewBox="0 0 560 220" role="img" aria-label="errors per second"></svg><div class="legend" id="l-err"></div></figure>
        <figure><figcaption>Latency (ms): p50, p95, p99</figcaption><svg id="c-lat" viewBox="0 0 560 220" role="img" aria-label="latency percentiles"></svg><div class="legend" id="l-lat"></div></figure>
        <figure><figcaption id="t-load">Users</figcaption><svg id="c-load" viewBox="0 0 560 220" role="img" aria-label="users or rate"></svg><div class="legend" id="l-load"></div></figure>
        </div>
        <p class="muted">Dashed vertical lines: stage starts; grey bands: warm-ups (outside the statistics).</p>
        <h2>Stages</h2><table id="stages"></table>
        <h2>Requests</h2><table id="requests"></table>
        <h2>Failures</h2><table id="failures"></table>
        <h2>Monitors</h2><table id="monitors"></table>
        <h2>Notes</h2><table id="notes"></table>
        <script>
        "use strict";
        const S=\(seriesJSON);
        const INK="\(ChartStyle.ink)",MUTED="\(ChartStyle.muted)",GRID="\(ChartStyle.grid)",WARM="\(ChartStyle.warmUp)";
        function esc(t){return String(t).replace(/[&<>"]/g,c=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]))}
        function fmt(v,d){return v==null?"–":Number(v).toFixed(d==null?0:d)}
        function nice(m){if(m<=0)return 1;const p=Math.pow(10,Math.floor(Math.log10(m)));for(const f of[1,2,2.5,5,10])if(f*p>=m)return f*p;return 10*p}
        function chart(id,legendId,st,series){
          const W=560,H=220,L=52,R=10,T=10,B=28,sv=document.getElementById(id),secs=st.seconds;
          const n=Math.max(secs.length,10),x=i=>L+(W-L-R)*(i+.5)/n;
          let max=0;for(const s of series)for(const p of secs){const v=s.get(p);if(v!=null&&v>max)max=v}
          const top=nice(max*1.1),y=v=>H-B-(H-T-B)*v/top;let o="";
          for(const sg of st.stages){if(sg.startSecond==null)continue;const a=sg.startSecond,w=Math.min(sg.warmupSeconds,sg.seconds);
            if(w>0)o+=`<rect x="${L+(W-L-R)*a/n}" y="${T}" width="${(W-L-R)*w/n}" height="${H-T-B}" fill="${WARM}"/>`;
            const xs=L+(W-L-R)*a/n;o+=`<line x1="${xs}" x2="${xs}" y1="${T}" y2="${H-B}" stroke="${MUTED}" stroke-dasharray="5 4"/><text x="${xs+3}" y="${T+11}" font-size="11" fill="${MUTED}">stage ${sg.number}</text>`}
          for(let k=0;k<=4;k++){const v=top*k/4,yy=y(v);o+=`<line x1="${L}" x2="${W-R}" y1="${yy}" y2="${yy}" stroke="${GRID}"/><text x="${L-4}" y="${yy+4}" font-size="11" text-anchor="end" fill="${INK}">${+v.toPrecision(3)}</text>`}
          o+=`<text x="${W-R}" y="${H-8}" font-size="11" text-anchor="end" fill="${INK}">seconds: ${secs.length}</text>`;
          series.forEach((s,i)=>{const c=S[i%S.length];let d="";secs.forEach((p,j)=>{const v=s.get(p);if(v==null)return;d+=(d?"L":"M")+x(j).toFixed(1)+" "+y(v).toFixed(1)});
            if(d)o+=`<path d="${d}" fill="none" stroke="${c.color}" stroke-width="2" ${c.dash?`stroke-dasharray="${c.dash}"`:""}/>`;
            const last=secs.length-1;if(last>=0&&s.get(secs[last])!=null)o+=marker(c,x(last),y(s.get(secs[last])))});
          sv.innerHTML=o;
          document.getElementById(legendId).innerHTML=series.map((s,i)=>{const c=S[i%S.length];return `<span><svg width="34" height="12" style="border:0;width:34px"><line x1="1" x2="33" y1="6" y2="6" stroke="${c.color}" stroke-width="2" ${c.dash?`stroke-dasharray="${c.dash}"`:""}/></svg> ${esc(s.name)}</span>`}).join("")}
        function marker(c,cx,cy){const f=c.hollow?"#FFFFFF":c.color;
          if(c.marker==="square")return `<rect x="${cx-4}" y="${cy-4}" width="8" height="8" fill="${f}" stroke="${c.color}" stroke-width="1.5"/>`;
          if(c.marker==="triangle")return `<path d="M${cx} ${cy-5}L${cx+5} ${cy+4}L${cx-5} ${cy+4}Z" fill="${f}" stroke="${c.color}" stroke-width="1.5"/>`;
          if(c.marker==="diamond")return `<path d="M${cx} ${cy-5}L${cx+5} ${cy}L${cx} ${cy+5}L${cx-5} ${cy}Z" fill="${f}" stroke="${c.color}" stroke-width="1.5"/>`;
          return `<circle cx="${cx}" cy="${cy}" r="4" fill="${f}" stroke="${c.color}" stroke-width="1.5"/>`}
        function table(id,head,rows){document.getElementById(id).innerHTML="<tr>"+head.map(h=>`<th scope="col">${esc(h)}</th>`).join("")+"</tr>"+(rows.length?rows.map(r=>"<tr>"+r.map(c=>`<td>${esc(c)}</td>`).join("")+"</tr>").join(""):`<tr><td colspan="${head.length}" class="muted">none yet</td></tr>`)}
        function draw(st){
          document.getElementById("profile").textContent=st.profile;const c=st.current,open=st.seconds.some(p=>p.targetRate!=null);
          if(c){const sg=st.stages[c.stage-1]||{};document.getElementById("status").innerHTML=
            `<b>stage ${c.stage} of ${st.stageCount}</b>${c.inWindow?"":" (warm-up)"} · ${st.elapsedSeconds} s · <b>${c.requests} req/s</b> · ${c.failures} errors/s · p95 ${fmt(c.p95Ms,1)} ms · `+
            (c.targetRate!=null?`target ${fmt(c.targetRate,1)}/s`:`${c.users} users`)+` · generator CPU ${fmt(c.generatorCPUPercent)}%, lag ${fmt(c.lagMs,1)} ms`}
          chart("c-rps","l-rps",st,[{name:"requests/s",get:p=>p.requests}]);
          chart("c-err","l-err",st,[{name:"errors/s",get:p=>p.failures}]);
          chart("c-lat","l-lat",st,[{name:"p50",get:p=>p.p50Ms},{name:"p95",get:p=>p.p95Ms},{name:"p99",get:p=>p.p99Ms}]);
          document.getElementById("t-load").textContent=open?"Target vs achieved rate (/s), users":"Users";
          chart("c-load","l-load",st,open?[{name:"achieved/s",get:p=>p.targetRate==null?null:p.requests},{name:"target/s",get:p=>p.targetRate},{name:"users",get:p=>p.targetRate==null?p.users:null}]:[{name:"users",get:p=>p.users}]);
          table("stages",["stage","load","duration s","warm-up s","seconds run","requests","failures","p50 ms","p95 ms","p99 ms"],
            st.stages.map(s=>[s.number+(c&&c.stage===s.number&&!st.finished?" (now)":""),s.kind==="open"?s.rate:s.users+" users",fmt(s.durationSeconds,1),fmt(s.warmupSeconds,1),s.seconds,s.requests,s.failures,fmt(s.p50Ms,1),fmt(s.p95Ms,1),fmt(s.p99Ms,1)]));
          table("requests",["name","method","requests","failures","p50 ms","p95 ms","p99 ms","max ms"],st.requests.map(r=>[r.name,r.method,r.requests,r.failures,fmt(r.p50Ms,1),fmt(r.p95Ms,1),fmt(r.p99Ms,1),fmt(r.maxMs,1)]));
          table("failures",["name","method","failures","share","by category"],st.requests.filter(r=>r.failures>0).map(r=>[r.name,r.method,r.failures,fmt(100*r.failures/r.requests,2)+"%",Object.entries(r.failuresByCategory||{}).map(([k,v])=>k+" "+v).join(", ")]));
          table("monitors",["monitor","latest"],(st.monitors||[]).map(m=>[m.name,m.kind==="command"?(m.value!=null?m.value+(m.unit?" "+m.unit:""):"no value: "+(m.problem||"")):
            (m.alive?`${m.processCount} processes, CPU ${fmt(m.cpuPercent)}%, PSS ${m.pssBytes!=null?fmt(m.pssBytes/1048576,1)+" MiB":"–"}`:"down: "+(m.problem||""))]));
          table("notes",["second","kind","message"],st.notes.slice().reverse().map(n=>[n.second,n.severity,n.message]));
          if(st.finished){const d=document.getElementById("done");d.style.display="block";
            d.innerHTML=st.reportFolder?`The run is over. Report: <a href="file://${esc(st.reportFolder)}/report.html">${esc(st.reportFolder)}/report.html</a> (also report.md, result.json).`:"The run is over; its files were not written (see the console)."}}
        let over=false,kept=[];
        async function poll(){if(over)return;let r;try{const last=kept.length?kept[kept.length-1].second:null;
          r=await fetch(last==null?"/api/state":"/api/state?since="+last,{cache:"no-store"})}catch(e){if(!over)document.getElementById("status").textContent="the run's server is gone (the run has ended)";return}
          if(!r.ok){document.getElementById("status").textContent="the run's server answered "+r.status+": "+(await r.text());return}
          const st=await r.json();for(const p of st.seconds)if(!kept.length||p.second>kept[kept.length-1].second)kept.push(p);
          st.seconds=kept;draw(st);over=st.finished}
        poll();setInterval(poll,1000);
        </script></body></html>
        """

    /// The chart series' styles as a JavaScript array.
    private static var seriesJSON: String {
        "[" + ChartStyle.series.map { style in
            let marker = switch style.marker {
            case .circle: "circle"
            case .square: "square"
            case .triangle: "triangle"
            case .diamond: "diamond"
            }
            return "{color:\"\(style.color)\",dash:\(style.dash.map { "\"\($0)\"" } ?? "null"),marker:\"\(marker)\",hollow:\(style.hollowMarker)}"
        }.joined(separator: ",") + "]"
    }
}
