// Draws the dashboard charts from the JSON the page embeds (no inline script: the CSP allows only files).
(function () {
  var palette = ["#1f4e79", "#c0392b", "#2e7d32", "#b7791f", "#6a1b9a", "#00838f"];
  var el = document.getElementById("months-data");
  var canvas = document.getElementById("months-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  Chart.defaults.font.family = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (s, i) {
        var color = palette[s.group % palette.length];
        return s.type === "line"
          ? { type: "line", label: s.label, data: s.data, borderColor: color, backgroundColor: color, tension: 0.2 }
          : { type: "bar", label: s.label, data: s.data, backgroundColor: color + "bb" };
      })
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
