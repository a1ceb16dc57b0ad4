namespace DeployAdvisor.Cli.Output.Report
{
    /// <summary>The report's inline style and script: constants, the only text the report writes unescaped.</summary>
    public static class ReportAssets
    {
        public static readonly InlineAsset Style = new InlineAsset(StyleText, "style");
        public static readonly InlineAsset Script = new InlineAsset(ScriptText, "script");

        private const string StyleText = """
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--link:#0550ae;
--container:#0969da;--sandboxed-container:#8250df;--vm:#9a6700;--none:#cf222e;--error:#cf222e;--warning:#9a6700;--info:#0969da;
--ok-bg:#dafbe1;--ok-fg:#116329;--bad-bg:#ffebe9;--bad-fg:#a40e26;--warn-bg:#fff8c5;--warn-fg:#7d4e00;--heat:9,105,218}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#161b22;--link:#4493f8;
--container:#4493f8;--sandboxed-container:#ab7df8;--vm:#d29922;--none:#f85149;--error:#f85149;--warning:#d29922;--info:#4493f8;
--ok-bg:#12361f;--ok-fg:#7ee2a8;--bad-bg:#42161a;--bad-fg:#ffa198;--warn-bg:#3a2d0b;--warn-fg:#f2cc60;--heat:68,147,248}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:2}
header,main,footer{max-width:80rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.75rem;margin:0 0 .25rem}h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}h4{font-size:1rem;margin:1rem 0 .35rem}
.lead{color:var(--muted);margin:0}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
.card b{display:block;font-size:1.6rem;line-height:1.2}.card span{color:var(--muted);font-size:.875rem}
.card.alert b{color:var(--error)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1rem;margin-top:1rem;align-items:start}
.note{color:var(--muted);font-size:.85rem;margin:.35rem 0 0}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.75rem}
figcaption{font-weight:600;margin-bottom:.35rem}
svg{display:block;width:100%;max-width:40rem;height:auto;font:13px system-ui,sans-serif}
svg text{fill:var(--fg)}svg .axis{stroke:var(--line)}
svg .bar-container{fill:var(--container)}svg .bar-sandboxed-container{fill:var(--sandboxed-container)}svg .bar-vm{fill:var(--vm)}
svg .bar-none{fill:var(--none)}svg .bar-error{fill:var(--error)}svg .bar-warning{fill:var(--warning)}svg .bar-info{fill:var(--info)}svg .bar-rule{fill:var(--muted)}
svg .cell{stroke:var(--line);fill:rgb(var(--heat))}svg .cell.differs{stroke:var(--error);stroke-width:2}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:600}
th button::after{content:" \2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \2191";color:var(--fg)}th[aria-sort=descending] button::after{content:" \2193";color:var(--fg)}
td.differs{background:var(--bad-bg);color:var(--bad-fg);font-weight:600}
.pill{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.s-0,.sev-error,.v-excluded{color:var(--bad-fg);background:var(--bad-bg)}
.s-1,.s-2,.sev-warning{color:var(--warn-fg);background:var(--warn-bg)}
.s-3,.v-recommended,.v-feasible{color:var(--ok-fg);background:var(--ok-bg)}
.sev-info{color:var(--info);background:var(--panel)}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0;position:sticky;top:0;background:var(--bg);padding:.5rem 0;z-index:1}
.controls input{font:inherit;padding:.35rem .6rem;min-width:min(24rem,100%);border:1px solid var(--muted);border-radius:6px;background:var(--bg);color:var(--fg)}
#shown{color:var(--muted)}
.chunk{content-visibility:auto;contain-intrinsic-size:auto 1400rem}
.workload{border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem .5rem;margin:0 0 1rem;scroll-margin-top:4rem}
.workload:target{outline:3px solid var(--link);outline-offset:-3px}
.workload h3{margin-top:.75rem;overflow-wrap:anywhere}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
ol.ranking{margin:0;padding-left:1.5rem}ol.ranking>li{margin:.4rem 0}ul.reasons{margin:.15rem 0 0;padding-left:1.1rem}
.changes{margin:0;padding-left:1.1rem}ul.findings{list-style:none;margin:0;padding:0}ul.findings li{margin:.35rem 0;overflow-wrap:anywhere}.where{color:var(--muted)}
.attention li{margin:.25rem 0}
[hidden]{display:none!important}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
@media (max-width:40rem){body{font-size:14px}.meta{grid-template-columns:1fr}.meta dd{margin-bottom:.35rem}
 .charts{grid-template-columns:1fr}svg{font-size:18px}svg#chart-matrix{font-size:15px}.card{padding:.4rem .6rem}.card b{font-size:1.3rem}
 .stack thead{display:none}#index thead{display:block}#index thead tr{display:flex;flex-wrap:wrap;gap:.25rem .9rem;padding:.35rem .25rem}#index thead th{display:block;border:0;padding:0;background:none;font-weight:400}#index thead th:first-child::before{content:"Sort by:";color:var(--muted);margin-right:.5rem}.stack tr{display:block;border-bottom:1px solid var(--line);padding:.35rem 0}
 .stack td{display:block;border:0;padding:.1rem .25rem}.stack td.num{text-align:left}
 #index td:nth-child(2)::before{content:"Owner: "}#index td:nth-child(3)::before{content:"Planned: "}#index td:nth-child(4)::before{content:"Recommended: "}#index td:nth-child(6)::before{content:"Findings: "}
 #index td:nth-child(n+2)::before{color:var(--muted)}#index td:first-child{font-weight:600}.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
@media print{body{font-size:11pt;background:#fff;color:#000}.controls,.skip,th button::after{display:none}
 .chunk{content-visibility:visible}.workload{break-inside:avoid;border-color:#999}figure{break-inside:avoid}
 a{color:#000}a[href^="http"]::after{content:" (" attr(href) ")"}h2{break-after:avoid}}
""";

        private const string ScriptText = """
(function(){
"use strict";
var rows=[],chunks=[],filter=document.getElementById("filter"),shown=document.getElementById("shown"),more=document.getElementById("more"),total=0,lastQuery="",matches=null;
var CAP=Number(document.getElementById("index")&&document.getElementById("index").getAttribute("data-cap"))||200;
function init(){
 var body=document.querySelector("#index tbody");
 if(!body)return;
 var trs=body.rows;
 for(var i=0;i<trs.length;i++){
  var tr=trs[i],a=tr.cells[0].firstElementChild,sec=a?document.getElementById(a.getAttribute("href").slice(1)):null;
  rows.push({tr:tr,sec:sec,q:(tr.textContent+" "+(tr.getAttribute("data-q")||"")).toLowerCase(),row:!tr.hidden,sect:true,ok:true});
 }
 total=rows.length;
 var bySec=new Map();
 for(var m=0;m<rows.length;m++)if(rows[m].sec)bySec.set(rows[m].sec,rows[m]);
 var els=document.querySelectorAll("#details .chunk");
 for(var e=0;e<els.length;e++){
  var members=[],kids=els[e].children;
  for(var q=0;q<kids.length;q++){var r=bySec.get(kids[q]);if(r)members.push(r);}
  chunks.push({el:els[e],members:members,k:members.length});
 }
}
function show(){
 var n=0,i,c;
 for(i=0;i<rows.length;i++){
  var r=rows[i],row=r.ok&&n<CAP;
  if(r.ok)n++;
  if(row!==r.row){r.row=row;r.tr.hidden=!row;}
  if(r.ok!==r.sect){r.sect=r.ok;if(r.sec)r.sec.hidden=!r.ok;}
 }
 for(i=0;i<chunks.length;i++){
  c=chunks[i];var k=0;
  for(var j=0;j<c.members.length;j++)if(c.members[j].sect)k++;
  if(k!==c.k){c.k=k;c.el.hidden=k===0;c.el.style.containIntrinsicSize="auto "+(k*28)+"rem";}
 }
 shown.textContent=(lastQuery?n+" of "+total:"All "+total)+" workloads shown";
 shown.setAttribute("data-query",lastQuery);
 if(more){more.hidden=n<=CAP;more.textContent="The list shows the first "+CAP+" of "+n+" matching workloads; every match has its section below. Narrow the filter or sort to see others here.";}
}
function apply(q){
 q=q.trim().toLowerCase();
 if(q===lastQuery)return;
 var terms=q?q.split(/\s+/):[];
 for(var i=0;i<rows.length;i++){
  var r=rows[i],ok=true;
  for(var t=0;t<terms.length;t++){if(r.q.indexOf(terms[t])<0){ok=false;break;}}
  r.ok=ok;
 }
 lastQuery=q;
 show();
}
function sortBy(th){
 var table=th.closest("table"),body=table.tBodies[0],col=th.cellIndex,numeric=th.getAttribute("data-type")==="number";
 var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
 var ths=table.tHead.rows[0].cells;
 for(var i=0;i<ths.length;i++)if(ths[i].hasAttribute("aria-sort"))ths[i].setAttribute("aria-sort","none");
 th.setAttribute("aria-sort",dir===1?"ascending":"descending");
 var byTr=new Map(),index=table.id==="index";
 if(index)for(var r=0;r<rows.length;r++)byTr.set(rows[r].tr,rows[r]);
 var list=Array.prototype.map.call(body.rows,function(tr,i){var c=tr.cells[col],v=c.getAttribute("data-sort");if(v===null)v=c.textContent.trim();return{tr:tr,k:numeric?Number(v):v.toLowerCase(),i:i};});
 list.sort(function(a,b){return a.k<b.k?-dir:a.k>b.k?dir:a.i-b.i;});
 var frag=document.createDocumentFragment();
 for(var j=0;j<list.length;j++)frag.appendChild(list[j].tr);
 body.appendChild(frag);
 if(index){rows=list.map(function(x){return byTr.get(x.tr);});show();}
}
function reveal(){
 var id=decodeURIComponent(location.hash.slice(1)),el=id&&document.getElementById(id);
 if(el&&el.hidden&&filter){filter.value="";apply("");el.scrollIntoView();}
}
init();
if(filter){filter.addEventListener("input",function(){apply(filter.value);});if(filter.value)apply(filter.value);}
document.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("th[aria-sort] button");if(b)sortBy(b.parentElement);});
window.addEventListener("hashchange",reveal);
document.documentElement.setAttribute("data-ready","true");
})();
""";
    }
}
