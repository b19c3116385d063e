// Dyad charts: events per period stacked by quad class or type, and the mean PLOVER score.
(function () {
  "use strict";
  var node = document.getElementById("dyad-data");
  if (!node) return;
  if (typeof Chart === "undefined") {
    document.querySelectorAll(".chart-box").forEach(function (b) {
      b.textContent = "Chart.js is missing: the chart cannot be drawn (see the notice above).";
    });
    return;
  }
  var data = JSON.parse(node.textContent);
  var chart = data.chart;
  // quad classes: greens for cooperation, oranges/reds for conflict (colour-blind safe pairs)
  var QUAD = {1: "#5aae61", 2: "#1b7837", 3: "#f1a340", 4: "#b2182b"};
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#d62728"];
  var series = chart[data.split] || [];
  var datasets = series.map(function (s, i) {
    return {label: s.label, data: s.data,
            backgroundColor: data.split === "quad" ? QUAD[s.key] : PALETTE[i % PALETTE.length]};
  });
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#222";
  var stack = new Chart(document.getElementById("stack-chart"), {
    type: "bar",
    data: {labels: chart.periods, datasets: datasets},
    options: {animation: false, responsive: true, maintainAspectRatio: false,
              scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0},
                       title: {display: true, text: "events"}}},
              plugins: {legend: {position: "bottom"}}}
  });
  var score = new Chart(document.getElementById("score-chart"), {
    type: "line",
    data: {labels: chart.periods, datasets: [{label: "mean PLOVER score", data: chart.score, spanGaps: true,
           borderColor: "#3b4cc0", backgroundColor: "#3b4cc0", pointRadius: 4}]},
    options: {animation: false, responsive: true, maintainAspectRatio: false,
              scales: {y: {min: -10, max: 10, title: {display: true, text: "score"}}},
              plugins: {legend: {display: false}}}
  });
  window.dyadsCharts = {stack: stack, score: score};
})();
