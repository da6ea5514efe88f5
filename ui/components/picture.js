// The explorer's picture and map (ui/picture.py): an ECharts chart that keeps
// one instance across reruns and reports a click on a node at once.
//
// data: {lib: URL of echarts.min.js, option: the ECharts option
// (graph.draw.picture.echarts_spec or graph.draw.map.map_option), renderer:
// "svg" or "canvas" (graph.draw.picture.echarts_renderer), maps:
// {name: GeoJSON} the option draws, height: pixels, alt: the accessible name,
// failed: what to say if ECharts cannot be loaded}. A click on a node of the
// picture, or a place of the map, sets the trigger "node" to its id.

let loading = null;

function echartsFrom(src) {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        loading = null;
        reject(new Error("ECharts could not be loaded from " + src));
      };
      document.head.appendChild(script);
    });
  }
  return loading;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector("div.pontes-picture");
  if (!box) {
    box = document.createElement("div");
    box.className = "pontes-picture";
    parentElement.appendChild(box);
  }
  box.style.width = "100%";
  box.style.height = data.height + "px";
  box.setAttribute("role", "img");
  box.setAttribute("aria-label", data.alt);
  echartsFrom(data.lib).then(
    (echarts) => {
      if (box.dataset.failed) {
        box.textContent = ""; // the message of an earlier failure, before any chart
        delete box.dataset.failed;
      }
      for (const [name, geo] of Object.entries(data.maps || {})) {
        if (!echarts.getMap(name)) echarts.registerMap(name, geo);
      }
      let chart = echarts.getInstanceByDom(box);
      if (chart && chart.getZr().painter.getType() !== data.renderer) {
        chart.dispose(); // a renderer is chosen once per chart: a larger or smaller picture needs a new one
        chart = null;
      }
      chart = chart || echarts.init(box, null, { renderer: data.renderer });
      chart.dispatchAction({ type: "downplay" }); // a new view never starts dimmed by a hover on the last one
      chart.setOption(data.option, { notMerge: true });
      box.dataset.drawn = data.option.geo ? "map" : "graph"; // what the box shows (for tests and benchmarks)
      // leaving the chart ends any hover: ECharts' canvas renderer could keep a tie's highlight and
      // the others dimmed after the pointer left from a tie
      chart.off("globalout");
      chart.on("globalout", () => chart.dispatchAction({ type: "downplay" }));
      chart.off("click");
      chart.on("click", (event) => {
        const id = event.data && event.data.id;
        if (typeof id === "string" && event.dataType !== "edge") setTriggerValue("node", id);
      });
      if (!box.pontesWatcher) {
        box.pontesWatcher = new ResizeObserver(() => {
          const current = echarts.getInstanceByDom(box); // the chart of the moment (a new renderer, a new one)
          if (current) current.resize();
        });
        box.pontesWatcher.observe(box);
      }
    },
    (error) => {
      box.textContent = data.failed;
      box.dataset.failed = "1";
      console.error(error);
    },
  );
  return () => {
    if (box.pontesWatcher) box.pontesWatcher.disconnect();
    box.pontesWatcher = null;
    if (window.echarts) {
      const chart = window.echarts.getInstanceByDom(box);
      if (chart) chart.dispose();
    }
  };
}
