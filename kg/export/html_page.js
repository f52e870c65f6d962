// newskg page script: draws the graph data of #kg-data with vis-network, physics off
// (positions come from the build), and wires the search box, the filters, the timeline,
// focus mode and the details panel. Every text from the input goes into the page with
// textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var started = performance.now();
  var hiddenTypes = {};
  var minMentions = 0;
  var range = null; // [from, to] as ISO dates: events in it and their participants
  var inRange = null; // node id -> true while a range is set
  var focused = null; // node id -> true while a neighbourhood is shown
  var showComentions = Boolean(data.comentions_shown);
  var NON_FACTS = { coMentionedWith: true, mentionedIn: true };

  // An event the article says did not, or may, happen is drawn hollow: a ring of its colour.
  var hollow = function (n) { return n.factuality && n.factuality !== "asserted"; };
  var ring = function (color) {
    var shade = { background: "#ffffff", border: color };
    return { background: "#ffffff", border: color, highlight: shade, hover: shade };
  };

  var home = {}; // node id -> [x, y]: the build's layout, restored after focus mode
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    home[n.id] = [n.x, n.y];
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size,
      color: hollow(n) ? ring(n.color) : n.color,
      borderWidth: hollow(n) ? 3 : 1,
      kgType: n.type, mentions: n.mentions, entity: n.entity, date: n.date,
      article: n.article, factuality: n.factuality,
      title: n.label + " (" + n.type + ")"
    };
  }));
  document.getElementById("kg-hollow").hidden = !data.nodes.some(hollow);

  var large = data.nodes.length > 300;
  // vis-network draws the edge labels of a small page. On a large one it would draw and
  // measure every label at every frame, in view or not (a first frame zoomed in took
  // 2 s): there the page draws the labels of the edges in view itself, once the view is
  // zoomed in this far or shows a neighbourhood in focus mode.
  var EDGE_LABELS_FROM = 0.5;
  var edgeLabels = !large;
  function edgeItem(e, i) {
    var from = data.nodes[e[0]].id;
    var relation = data.relations[e[2]];
    var item = { id: i, from: from, to: data.nodes[e[1]].id, relation: relation,
                 title: relation + " (weight " + e[3] + ")" };
    if (relation === "coMentionedWith") {
      // faint, wider the more sentences name both
      item.value = e[3];
      item.color = { color: "#c8c8c8", opacity: 0.6, inherit: false };
    } else if (relation === "mentionedIn" || from.indexOf("event/") === 0) {
      item.label = edgeLabels ? relation : null; // an event's role, or an article
      item.width = 1;
    } else {
      item.label = edgeLabels ? relation : null; // a typed fact: from subject to object
      item.arrows = "to";
      item.width = 2;
      item.color = { color: "#555555", inherit: false };
    }
    return item;
  }
  var edges = new vis.DataSet(data.edges.map(edgeItem));

  var visible = function (n) {
    if (focused) { return Boolean(focused[n.id]); }
    if (inRange && !inRange[n.id]) { return false; }
    return !hiddenTypes[n.kgType] && (!n.entity || n.mentions >= minMentions);
  };
  var nodeView = new vis.DataView(nodes, { filter: visible });
  var edgeView = new vis.DataView(edges, { filter: function (e) {
    return showComentions || e.relation !== "coMentionedWith";
  } });
  var network = new vis.Network(document.getElementById("kg-graph"),
    { nodes: nodeView, edges: edgeView },
    {
      physics: { enabled: false },
      layout: { improvedLayout: false, randomSeed: 42 },
      interaction: { hover: !large, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                     tooltipDelay: 150 },
      // vis draws no node name (its threshold is never reached): the page places them
      nodes: { shape: "dot", borderWidth: 1, font: { size: 14 },
               scaling: { label: { drawThreshold: 1e9 } } },
      edges: { color: { color: "#9a9a9a", inherit: false }, smooth: false,
               font: { size: 10, align: "middle" },
               scaling: { min: 1, max: 6, label: { enabled: false, drawThreshold: 6 } } }
    });

  // window.newskg: the page's API for tests and for pages that embed it (see the README).
  // nodes(), edges(), select(id), search(text), focus(id), unfocus(), timeline(from, to);
  // network, nodeSet, edgeSet and view are vis-network's own objects.
  var state = { network: network, nodeSet: nodes, edgeSet: edges, view: nodeView,
                firstDrawMs: null };
  window.newskg = state;
  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now() - started;
  });

  // The labels of a large page's typed and role edges whose middle is in view, drawn
  // after vis's frame in its coordinates, as vis draws them (10 units, a white halo).
  var labelled = null; // [from, to, relation, ...] of the drawn edges with a label
  var ends = null; // node id -> its place
  var zoomedAt = -Infinity;
  var dragging = false;
  function forgetLabels() { labelled = null; }
  function readLabels() {
    labelled = [];
    var ids = {};
    edgeView.forEach(function (e) {
      if (e.relation === "coMentionedWith" || !nodeView.get(e.from) || !nodeView.get(e.to)) {
        return;
      }
      labelled.push(e.from, e.to, e.relation);
      ids[e.from] = ids[e.to] = true;
    });
    ends = network.getPositions(Object.keys(ids));
  }
  function drawEdgeLabels(context) {
    if (!large || (!focused && network.getScale() < EDGE_LABELS_FROM)) { return; }
    // vis hides the edges while the view zooms or a node is dragged: so do their labels
    if (dragging || performance.now() - zoomedAt < 200) { return; }
    if (!labelled) { readLabels(); }
    var frame = network.body.container;
    var low = network.DOMtoCanvas({ x: 0, y: 0 });
    var high = network.DOMtoCanvas({ x: frame.clientWidth, y: frame.clientHeight });
    context.save();
    context.font = "10px arial";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.lineWidth = 2;
    context.strokeStyle = "#ffffff";
    context.fillStyle = "#343434";
    for (var i = 0; i < labelled.length; i += 3) {
      var a = ends[labelled[i]];
      var b = ends[labelled[i + 1]];
      var x = (a.x + b.x) / 2;
      var y = (a.y + b.y) / 2;
      if (x < low.x || x > high.x || y < low.y || y > high.y) { continue; }
      context.strokeText(labelled[i + 2], x, y);
      context.fillText(labelled[i + 2], x, y);
    }
    context.restore();
  }
  network.on("afterDrawing", drawEdgeLabels);
  network.on("zoom", function () { zoomedAt = performance.now(); });
  network.on("dragStart", function () { dragging = true; });
  network.on("dragEnd", function () { dragging = false; forgetLabels(); });
  nodes.on("*", forgetLabels);
  edges.on("*", forgetLabels);

  // ---- node names: placed by priority, each where it lies on no other name or dot ----
  // After each frame the page names the nodes in view, a selected or searched node first,
  // then by mentions, each only where its box (below the dot, as vis would draw it, else
  // above, right or left) meets no name already placed, no other dot in view and no panel;
  // the rest show on hover (the title) or once zooming in makes room. The dots and panels
  // are counted into a raster of PIXEL-wide cells summed over areas, so a box is tested
  // against every dot in four reads; the placed names, few, go in a grid of CELL pixels.
  var NAME_FONT = 14; // CSS pixels up to scale 1; above it names grow with the view, to 20
  var PIXEL = 2;
  var CELL = 32;
  var MARGIN = 0.5; // pixels kept clear around a dot
  var ranking = null; // vis's node objects, most mentioned first, made after a change
  var pinned = []; // ids named before the rest: the search's matches
  // the last frame's names: boxes [x0, y0, x1, y1, ...]; leaders [x, y, r, colour] or null
  var named = { ids: [], texts: [], boxes: [], leaders: [] };
  var ruler = document.createElement("canvas").getContext("2d");
  ruler.font = "100px arial";
  var widths = {}; // name -> its width in pixels at a 1px font, measured once
  function widthOf(text) {
    var known = widths[text];
    if (known === undefined) { known = widths[text] = ruler.measureText(text).width / 100; }
    return known;
  }
  function forgetRanking() { ranking = null; }
  function rank() {
    var body = network.body.nodes;
    var weight = {};
    network.body.nodeIndices.forEach(function (id) { weight[id] = nodes.get(id).mentions || 0; });
    return network.body.nodeIndices.map(function (id) { return body[id]; })
      .sort(function (a, b) {
        return (weight[b.id] - weight[a.id]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
  }

  // Calls `visit(column, from, to)` for each raster row the disc at x, y of radius r
  // meets, with the first and last cell of that row it meets.
  function discRows(x, y, r, visit) {
    for (var gy = Math.floor((y - r) / PIXEL); gy <= Math.floor((y + r) / PIXEL); gy++) {
      var near = Math.max(gy * PIXEL, Math.min(y, (gy + 1) * PIXEL)) - y;
      var half = Math.sqrt(Math.max(0, r * r - near * near));
      visit(gy, Math.floor((x - half) / PIXEL), Math.floor((x + half) / PIXEL));
    }
  }

  // The dots in view in CSS pixels of the canvas, in ranking order, and the summed raster
  // of the cells they and the panels cover.
  function dotsInView(view, panels) {
    var dots = { list: [], x: [], y: [], r: [] };
    var columns = Math.floor(view.width / PIXEL) + 2;
    var rows = Math.floor(view.height / PIXEL) + 2;
    var count = new Int32Array((columns + 1) * (rows + 1));
    var mark = function (gy, from, to) {
      if (gy < 0 || gy >= rows) { return; }
      for (var gx = Math.max(0, from); gx <= Math.min(columns - 1, to); gx++) {
        count[(gy + 1) * (columns + 1) + gx + 1] += 1;
      }
    };
    var shift = network.body.view.translation;
    ranking.forEach(function (node) {
      var x = node.x * view.scale + shift.x;
      var y = node.y * view.scale + shift.y;
      var r = node.options.size * view.scale + MARGIN;
      if (x + r < 0 || y + r < 0 || x - r > view.width || y - r > view.height) { return; }
      dots.list.push(node);
      dots.x.push(x);
      dots.y.push(y);
      dots.r.push(r);
      discRows(x, y, r, mark);
    });
    panels.forEach(function (p) {
      for (var gy = Math.floor(p[1] / PIXEL); gy <= Math.floor(p[3] / PIXEL); gy++) {
        mark(gy, Math.floor(p[0] / PIXEL), Math.floor(p[2] / PIXEL));
      }
    });
    for (var gy = 1; gy <= rows; gy++) { // sums: count[gy][gx] = cells above and left
      for (var gx = 1; gx <= columns; gx++) {
        var i = gy * (columns + 1) + gx;
        count[i] += count[i - 1] + count[i - columns - 1] - count[i - columns - 2];
      }
    }
    dots.sums = count;
    dots.columns = columns;
    dots.panels = panels;
    dots.grid = null;
    return dots;
  }

  // How many raster cells of the dots and panels the box covers.
  function rasterCount(dots, box) {
    var g = [Math.floor(box[0] / PIXEL), Math.floor(box[1] / PIXEL),
             Math.floor(box[2] / PIXEL), Math.floor(box[3] / PIXEL)];
    var width = dots.columns + 1;
    var s = dots.sums;
    return s[(g[3] + 1) * width + g[2] + 1] - s[g[1] * width + g[2] + 1] -
      s[(g[3] + 1) * width + g[0]] + s[g[1] * width + g[0]];
  }
  // Whether the box meets a dot other than `own` or a panel. The raster's cells reach
  // past a disc's edge: a box it finds on a few cells only is tested disc by disc. (A
  // box beside its own dot keeps a raster cell away from it: see nameBox.)
  var NEAR_MISS = 8;
  function meetsDot(dots, own, box) {
    var covered = rasterCount(dots, box);
    return covered > 0 && (covered > NEAR_MISS || meetsExactly(dots, own, box));
  }
  function meetsExactly(dots, own, box) {
    var overlaps = function (p) {
      return box[0] < p[2] && p[0] < box[2] && box[1] < p[3] && p[1] < box[3];
    };
    if (dots.panels.some(overlaps)) { return true; }
    if (!dots.grid) { // made at the first near miss of a frame
      dots.grid = {};
      dots.list.forEach(function (node, at) {
        var r = dots.r[at];
        cells([dots.x[at] - r, dots.y[at] - r, dots.x[at] + r, dots.y[at] + r], function (key) {
          (dots.grid[key] || (dots.grid[key] = [])).push(at);
        });
      });
    }
    return cells(box, function (key) {
      return (dots.grid[key] || []).some(function (at) {
        if (at === own) { return false; }
        var dx = dots.x[at] - Math.max(box[0], Math.min(dots.x[at], box[2]));
        var dy = dots.y[at] - Math.max(box[1], Math.min(dots.y[at], box[3]));
        return dx * dx + dy * dy < dots.r[at] * dots.r[at];
      });
    });
  }

  // Calls `visit` with the key of each grid cell the box meets; stops at a true answer.
  function cells(box, visit) {
    for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
      for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
        if (visit(gx * 65536 + gy)) { return true; }
      }
    }
    return false;
  }
  function meetsName(grid, placed, box) {
    return cells(box, function (key) {
      return (grid[key] || []).some(function (at) {
        var b = 4 * at;
        return box[0] < placed[b + 2] && placed[b] < box[2] && box[1] < placed[b + 3] &&
          placed[b + 1] < box[3];
      });
    });
  }

  // The boxes where a name may go, nearest first, for a dot at x, y of radius r: below it
  // (where vis draws a name), above, right, left; for a leading node (one of the most
  // mentioned, or picked) then any place within REACH pixels, drawn with a leader line,
  // since in a dense centre the four next to a hub all lie on other dots (220 pixels left
  // the United States unnamed in the middle of a 300-article Reuters page).
  var REACH = 400;
  var around = null; // [dx, dy, ...] of the box centres tried for a leading node
  function aroundOffsets(height) {
    var list = [];
    for (var dy = -REACH; dy <= REACH; dy += Math.ceil(height / 2)) {
      for (var dx = -REACH; dx <= REACH; dx += 10) {
        if (dx * dx + dy * dy <= REACH * REACH) { list.push([dx, dy]); }
      }
    }
    list.sort(function (a, b) {
      return (a[0] * a[0] + a[1] * a[1]) - (b[0] * b[0] + b[1] * b[1]) || a[1] - b[1] ||
        a[0] - b[0];
    });
    return { height: height, list: list };
  }
  function nameBox(x, y, r, half, height, side) {
    var gap = r + PIXEL + 0.5; // past the raster cells of its own dot
    if (side === 0) { return [x - half, y + gap, x + half, y + gap + height]; }
    if (side === 1) { return [x - half, y - gap - height, x + half, y - gap]; }
    var top = y - height / 2;
    if (side === 2) { return [x + gap, top, x + gap + 2 * half, top + height]; }
    return [x - gap - 2 * half, top, x - gap, top + height];
  }
  function boxFree(box, room, own) {
    var view = room.view;
    if (box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) {
      return false;
    }
    return !meetsDot(room.dots, own, box) && !meetsName(room.grid, room.placed.boxes, box);
  }
  // The first free box for the dot at `at`, or null; `leader` marks one away from the dot.
  function findBox(room, at, half, height, leading) {
    var dots = room.dots;
    var x = dots.x[at];
    var y = dots.y[at];
    var r = dots.r[at];
    for (var side = 0; side < 4; side++) {
      var box = nameBox(x, y, r, half, height, side);
      if (boxFree(box, room, at)) { return box; }
    }
    if (!leading) { return null; }
    if (!around || around.height !== height) { around = aroundOffsets(height); }
    for (var i = 0; i < around.list.length; i++) {
      var cx = x + around.list[i][0];
      var cy = y + around.list[i][1];
      var far = [cx - half, cy - height / 2, cx + half, cy + height / 2];
      if (boxFree(far, room, -1)) { far.leader = true; return far; }
    }
    return null;
  }

  // The overlays on the graph (the controls, the details panel) in CSS pixels of the
  // canvas: a name under them could not be read.
  function panelBoxes() {
    var frame = network.body.container.getBoundingClientRect();
    var boxes = [];
    ["kg-controls", "details"].forEach(function (id) {
      var element = document.getElementById(id);
      if (!element || element.hidden) { return; }
      var b = element.getBoundingClientRect();
      if (b.width && b.height) {
        boxes.push([b.left - frame.left, b.top - frame.top, b.right - frame.left,
                    b.bottom - frame.top]);
      }
    });
    return boxes;
  }

  // The order names are placed in: the selected node, the search's matches, then by
  // mentions; the first LEADING of them may take a place away from their dot.
  var LEADING = 12;
  function nameOrder(dots) {
    var first = network.getSelectedNodes().concat(pinned);
    var picked = [];
    var rest = [];
    dots.list.forEach(function (node, at) {
      (first.indexOf(node.id) >= 0 ? picked : rest).push(at);
    });
    picked.sort(function (a, b) {
      return first.indexOf(dots.list[a].id) - first.indexOf(dots.list[b].id);
    });
    return { order: picked.concat(rest), leading: picked.length + LEADING };
  }

  // The names that fit, in priority order: {ids, texts, boxes, leaders} in CSS pixels of
  // the canvas; leaders: [x, y, r] of the dot of each name placed away from it, or null.
  function placeNames(view, font) {
    var dots = dotsInView(view, panelBoxes());
    var placed = { ids: [], texts: [], boxes: [], leaders: [] };
    var room = { view: view, dots: dots, placed: placed, grid: {} };
    var height = Math.ceil(font * 1.2);
    var ranked = nameOrder(dots);
    ranked.order.forEach(function (at, rank) {
      var node = dots.list[at];
      var text = node.options.label;
      if (!text) { return; }
      var half = (widthOf(text) * font) / 2 + 1;
      var box = findBox(room, at, half, height, rank < ranked.leading);
      if (!box) { return; }
      var index = placed.ids.length;
      cells(box, function (key) {
        (room.grid[key] || (room.grid[key] = [])).push(index);
      });
      placed.ids.push(node.id);
      placed.texts.push(text);
      placed.boxes.push(box[0], box[1], box[2], box[3]);
      placed.leaders.push(box.leader ? [dots.x[at], dots.y[at], dots.r[at], inkOf(node)] : null);
    });
    return placed;
  }

  // The colour of a dot's leader: its fill, or its ring's for a hollow event.
  function inkOf(node) {
    var color = node.options.color;
    return color.background === "#ffffff" ? color.border : color.background;
  }
  // A line in the dot's colour, told from the grey edges, from the dot's edge to the
  // nearest point of its name's box.
  function drawLeader(context, dot, box) {
    var tx = Math.max(box[0], Math.min(dot[0], box[2]));
    var ty = Math.max(box[1], Math.min(dot[1], box[3]));
    var length = Math.hypot(tx - dot[0], ty - dot[1]) || 1;
    context.beginPath();
    context.moveTo(dot[0] + (tx - dot[0]) * dot[2] / length,
                   dot[1] + (ty - dot[1]) * dot[2] / length);
    context.lineTo(tx, ty);
    context.strokeStyle = dot[3];
    context.stroke();
  }

  function drawNames(context) {
    var started = performance.now();
    if (!ranking) { ranking = rank(); }
    var frame = network.body.container;
    var view = { scale: network.getScale(), width: frame.clientWidth,
                 height: frame.clientHeight };
    var font = Math.min(20, Math.max(NAME_FONT, NAME_FONT * view.scale));
    named = placeNames(view, font);
    var ratio = network.canvas.pixelRatio || 1;
    context.save();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.lineWidth = 2;
    named.leaders.forEach(function (dot, i) {
      if (dot) { drawLeader(context, dot, named.boxes.slice(4 * i, 4 * i + 4)); }
    });
    context.font = font + "px arial";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.lineWidth = 3;
    context.lineJoin = "round";
    context.strokeStyle = "#ffffff";
    context.fillStyle = "#343434";
    for (var pass = 0; pass < 2; pass++) { // every halo, then every name over them
      for (var i = 0; i < named.ids.length; i++) {
        var x = (named.boxes[4 * i] + named.boxes[4 * i + 2]) / 2;
        var y = (named.boxes[4 * i + 1] + named.boxes[4 * i + 3]) / 2;
        if (pass === 0) { context.strokeText(named.texts[i], x, y); }
        else { context.fillText(named.texts[i], x, y); }
      }
    }
    context.restore();
    state.labelMs = performance.now() - started;
  }
  network.on("afterDrawing", drawNames);
  nodes.on("*", forgetRanking);

  // The names drawn now: {id, text, x, y, width, height}, the box's top left corner and
  // size in CSS pixels of the viewport (a frame is drawn first, so they match the view).
  state.labels = function () {
    network.redraw();
    var box = network.body.container.getBoundingClientRect();
    return named.ids.map(function (id, i) {
      var b = named.boxes.slice(4 * i, 4 * i + 4);
      return { id: id, text: named.texts[i], x: b[0] + box.left, y: b[1] + box.top,
               width: b[2] - b[0], height: b[3] - b[1] };
    });
  };

  function el(tag, text, parent) {
    var made = document.createElement(tag);
    if (text !== undefined && text !== null) { made.textContent = String(text); }
    if (parent) { parent.appendChild(made); }
    return made;
  }

  function button(text, parent, onClick) {
    var made = el("button", text, parent);
    made.type = "button";
    made.addEventListener("click", onClick);
    return made;
  }

  function articleItem(index, parent) {
    var article = data.articles[index];
    var item = el("li", null, parent);
    var url = article[2];
    // Only http(s) links become anchors: a "javascript:" URL in the input stays text.
    if (/^https?:\/\//i.test(url)) {
      var link = el("a", article[0], item);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    } else {
      el("span", article[0], item);
    }
    if (article[1]) { el("span", " (" + article[1] + ")", item); }
  }

  var panel = document.getElementById("details");
  // An event: its label in full, what kind of event, whether it happened, when, who took
  // part in which role, and the sentence that reports it.
  function showEvent(event) {
    el("h2", event.label, panel);
    el("div", "Type: " + event.type, panel);
    el("div", "Factuality: " + event.factuality, panel).className = "kg-factuality";
    el("div", "Date: " + (event.date || "not stated"), panel);
    if (event.participants.length) {
      el("b", "Participants", panel);
      var list = el("ul", null, panel);
      event.participants.forEach(function (pair) {
        el("li", pair[0] + ": " + pair[1], list);
      });
    }
    if (event.article !== null && event.article !== undefined) {
      el("b", "Article", panel);
      articleItem(event.article, el("ul", null, panel));
    }
    if (event.also.length) {
      // other articles that report the same event (one node: kg.resolve.events)
      el("b", "Also reported in", panel);
      var others = el("ul", null, panel);
      event.also.forEach(function (index) { articleItem(index, others); });
    }
    if (event.quote) {
      el("b", "Quote", panel);
      el("blockquote", "\u201c" + event.quote + "\u201d", panel);
    }
    if (event.evidence) {
      el("b", "Evidence", panel);
      el("blockquote", event.evidence, panel);
    }
  }

  // A name that selects its node when clicked, or plain text where it has no node.
  function nodeLink(id, text, parent) {
    if (!nodes.get(id) && !indexed[id]) { return el("span", text, parent); }
    var link = button(text, parent, function () { select(id); });
    link.className = "kg-link";
    link.dataset.node = id;
    return link;
  }

  function nameOf(id) {
    var node = nodes.get(id);
    if (node) { return node.label; }
    return data.names[id] || (indexed[id] ? indexed[id][1] : id);
  }

  // The sentence a fact comes from, with its article: "— Hacker arrested (2014-07-07)".
  function evidence(sentence, article, parent) {
    if (sentence >= 0) {
      el("blockquote", data.sentences[sentence], parent).className = "kg-evidence";
    }
    if (article !== null && article !== undefined) {
      articleItem(article, el("ul", null, parent));
    }
  }

  // A long list shows its first LISTED items and a button for the rest: the panel of a hub
  // (the United States: a thousand relations) took seconds to build and lay out whole.
  var LISTED = 25;
  function listed(items, parent, show) {
    items.slice(0, LISTED).forEach(show);
    if (items.length <= LISTED) { return; }
    var more = button("Show all " + items.length, el("li", null, parent), function () {
      more.parentNode.remove();
      items.slice(LISTED).forEach(show);
    });
    more.className = "kg-more";
  }

  // An entity's relations ("citizenOf \u2192 Russia"; "\u2190 basedIn: Kaspersky Lab" when it is
  // the object), its events in date order with role, date and factuality, and its quotes.
  function showFacts(info) {
    if (info.relations) {
      el("b", "Relations", panel);
      var relations = el("ul", null, panel);
      listed(info.relations, relations, function (fact) {
        var item = el("li", fact[2] ? fact[0] + " \u2192 " : "\u2190 " + fact[0] + ": ",
                      relations);
        item.className = "kg-relation";
        nodeLink(fact[1], nameOf(fact[1]), item);
        evidence(fact[4], fact[3], item);
      });
    }
    if (info.events) {
      el("b", "Events", panel);
      var events = el("ul", null, panel);
      listed(info.events, events, function (pair) {
        // [node, label, date, factuality, article, sentence], and the entity's role in it
        var row = data.event_rows[pair[0]];
        var item = el("li", null, events);
        item.className = "kg-event";
        nodeLink(row[0], row[1], item);
        el("span", " \u2014 " + pair[1] + ", " + (row[2] || "date not stated") + ", " +
           row[3], item);
        evidence(row[5], row[4], item);
      });
    }
    if (info.quotes) {
      el("b", "Quotes", panel);
      var quotes = el("ul", null, panel);
      quotes.className = "kg-quotes";
      listed(info.quotes, quotes, function (pair) {
        var quote = el("blockquote", "\u201c" + pair[0] + "\u201d", el("li", null, quotes));
        quote.className = "kg-quote";
        if (pair[1] !== null) { articleItem(pair[1], el("ul", null, quote)); }
      });
    }
  }

  function focusButton(id) {
    var row = el("div", null, panel);
    button(focused ? "Whole graph" : "Show its neighbourhood", row, function () {
      if (focused) { unfocus(); } else { focus(id); }
    }).className = "kg-focus";
  }

  function showDetails(id) {
    var node = nodes.get(id);
    if (!node && !indexed[id]) { panel.hidden = true; return; }
    panel.replaceChildren();
    panel.hidden = false;
    panel.dataset.node = id;
    if (Object.prototype.hasOwnProperty.call(data.events, id)) {
      showEvent(data.events[id]);
      return;
    }
    var info = data.details[id];
    if (!info && node && !node.entity) { showArticle(id, node); return; }
    el("h2", nameOf(id), panel);
    el("div", "Type: " + (node ? node.kgType : data.types[indexed[id][2]]), panel);
    el("div", "Mentions: " + (node ? node.mentions : indexed[id][3]), panel);
    if (!info) {
      focusButton(id);
      // an entity this page does not draw: what the drawn entities state about it, and
      // the events it shares with them
      el("div", "Not drawn at this size; its facts with drawn entities:", panel);
      showFacts({ relations: reverseRelations()[id], events: indexed[id][4] });
      return;
    }
    if (info.aliases.length) { el("div", "Also called: " + info.aliases.join(", "), panel); }
    focusButton(id);
    showFacts(info);
    el("b", "Articles", panel);
    var list = el("ul", null, panel);
    info.articles.forEach(function (index) { articleItem(index, list); });
    if (info.more_articles) { el("li", "and " + info.more_articles + " more", list); }
    if (info.evidence.length) {
      el("b", "Evidence", panel);
      info.evidence.forEach(function (pair) {
        var quote = el("blockquote", data.sentences[pair[1]], panel);
        el("div", "\u2014 " + data.articles[pair[0]][0], quote).style.color = "#777";
      });
    }
  }

  // An article: its own link, then the entities it names.
  function showArticle(id, node) {
    el("h2", node.label, panel);
    el("div", "Type: " + node.kgType, panel);
    if (node.article !== null && node.article !== undefined) {
      articleItem(node.article, el("ul", null, panel));
    }
    el("b", "Connected", panel);
    var list = el("ul", null, panel);
    network.getConnectedNodes(id).sort().forEach(function (other) {
      el("li", nodes.get(other).label, list);
    });
  }

  // The node drawn under a click: the nearest whose disc holds the point (a few pixels of
  // slack), found by geometry rather than vis-network's square boxes, which at a corner
  // can reach past a small node's edge. The drawn nodes' places are read once, as plain
  // numbers, and again only after something moved or the filters changed: read through
  // the DataView at every click they cost more than the rest of the click.
  var placed = null; // [id, x, y, radius, ...] of the nodes in view
  function forgetPlaces() { placed = null; }
  function nodeAt(point) {
    if (!placed) {
      var ids = nodeView.getIds();
      var at = network.getPositions(ids);
      placed = [];
      ids.forEach(function (id) { placed.push(id, at[id].x, at[id].y, nodes.get(id).size); });
    }
    var best = null;
    var bestGap = 3 / network.getScale();
    for (var i = 0; i < placed.length; i += 4) {
      var gap = Math.hypot(placed[i + 1] - point.x, placed[i + 2] - point.y) - placed[i + 3];
      if (gap < bestGap) { best = placed[i]; bestGap = gap; }
    }
    return best;
  }
  nodes.on("*", forgetPlaces);
  network.on("dragEnd", forgetPlaces);

  // The panel first, the node's highlight after the panel is on screen: selecting redraws
  // the whole canvas (100-200 ms at the fitted view of 7,000 nodes), and a redraw asked
  // for in the click's frame held the panel back until it was done.
  var clicks = 0;
  function onClick(point) {
    var id = nodeAt(point);
    var click = ++clicks;
    if (id === null) { panel.hidden = true; network.unselectAll(); return id; }
    showDetails(id);
    requestAnimationFrame(function () {
      setTimeout(function () { if (click === clicks) { network.selectNodes([id]); } }, 0);
    });
    return id;
  }
  // vis-network answers a tap by testing every node and edge three times (its selection,
  // then the items of its click event) before its "click" reaches the page: on a
  // 7,000-node page most of a click. The page takes the tap from vis's Hammer instance
  // itself, finds the node once, and emits vis's "click" (nodes, pointer) for pages that
  // embed this one; vis still pans, zooms and drags.
  var hammer = network.canvas && network.canvas.hammer;
  if (hammer && typeof hammer.off === "function") {
    hammer.off("tap");
    hammer.on("tap", function (event) {
      var box = hammer.element.getBoundingClientRect(); // the canvas, as vis reads it
      var dom = { x: event.center.x - box.left, y: event.center.y - box.top };
      var canvas = network.DOMtoCanvas(dom);
      var id = onClick(canvas);
      network.emit("click", { nodes: id === null ? [] : [id], edges: [], event: event,
                              pointer: { DOM: dom, canvas: canvas } });
    });
  } else {
    network.on("click", function (params) { onClick(params.pointer.canvas); });
  }

  // Select a node, centre the view on it and open its details; false for an unknown id.
  // A node the filters hide still shows its details.
  function select(id) {
    if (!nodes.get(id) && !indexed[id]) { return false; }
    if (nodeView.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    }
    showDetails(id);
    return true;
  }

  // The drawn nodes with their place and radius in CSS pixels of the viewport.
  state.nodes = function () {
    var ids = nodeView.getIds();
    var places = network.getPositions(ids);
    var scale = network.getScale();
    var box = network.body.container.getBoundingClientRect();
    return ids.map(function (id) {
      var node = nodes.get(id);
      var at = network.canvasToDOM(places[id]);
      return { id: id, label: node.label, type: node.kgType, x: at.x + box.left,
               y: at.y + box.top, r: node.size * scale };
    });
  };
  // The drawn edges, from source to target, named by their ontology property.
  state.edges = function () {
    return edgeView.get({ filter: function (e) {
      return nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
    } }).map(function (e) { return { source: e.from, target: e.to, relation: e.relation }; });
  };
  state.select = select;

  // Every entity the page does not draw: id -> [id, label, type, mentions].
  var indexed = {};
  data.index.forEach(function (row) { indexed[row[0]] = row; });
  // The ids of the nodes (drawn or not) whose name or alias holds `text` (case-insensitive).
  state.search = function (text) {
    return ranked(String(text).trim().toLowerCase()).map(function (n) { return n.id; });
  };
  // The matches: drawn entities first (most mentioned first), then events and articles,
  // then entities not drawn: "Selez" finds Roman Seleznev before "Roman Seleznev arrested".
  function ranked(wanted) {
    if (!wanted) { return []; }
    var found = nodes.get({ filter: function (n) { return matchesText(n, wanted); } })
      .sort(function (a, b) {
        return (b.entity - a.entity) || (b.mentions - a.mentions) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
    var more = data.index.filter(function (row) {
      return row[1].toLowerCase().indexOf(wanted) !== -1;
    }).sort(function (a, b) {
      return (b[3] - a[3]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    }).map(function (row) {
      return { id: row[0], label: row[1], kgType: data.types[row[2]], drawn: false };
    });
    return found.concat(more);
  }
  function matchesText(node, wanted) {
    if (node.label.toLowerCase().indexOf(wanted) !== -1) { return true; }
    var info = data.details[node.id];
    return Boolean(info) && info.aliases.some(function (alias) {
      return alias.toLowerCase().indexOf(wanted) !== -1;
    });
  }

  var count = document.getElementById("kg-count");
  function refresh(fit) {
    forgetPlaces();
    forgetLabels();
    forgetRanking();
    nodeView.refresh();
    edgeView.refresh();
    count.textContent = "Showing " + nodeView.length + " of " + nodes.length + " nodes";
    // what remains is centred: a filter leaves no crowd in one corner of an empty view
    if (fit && nodeView.length) { network.fit({ animation: false }); }
  }

  // ---- focus: one entity's neighbourhood, laid out in rings around it ----

  var neighbours = null; // node id -> {facts: [ids], events: [ids]}, made when first needed
  function adjacency() {
    if (neighbours) { return neighbours; }
    neighbours = {};
    var add = function (a, kind, b) {
      var entry = neighbours[a] || (neighbours[a] = { facts: [], events: [] });
      entry[kind].push(b);
    };
    edges.forEach(function (e) {
      if (NON_FACTS[e.relation]) { return; }
      if (e.from.indexOf("event/") === 0) {
        add(e.to, "events", e.from);
        add(e.from, "facts", e.to); // an event's participants
      } else {
        add(e.from, "facts", e.to);
        add(e.to, "facts", e.from);
      }
    });
    return neighbours;
  }

  // Relations the drawn entities state about entities not drawn, seen from those.
  var reverse = null;
  function reverseRelations() {
    if (reverse) { return reverse; }
    reverse = {};
    Object.keys(data.details).sort().forEach(function (key) {
      (data.details[key].relations || []).forEach(function (fact) {
        if (nodes.get(fact[1])) { return; }
        (reverse[fact[1]] = reverse[fact[1]] || []).push(
          [fact[0], key, fact[2] ? 0 : 1, fact[3], fact[4]]);
      });
    });
    return reverse;
  }

  // Hop 1: its typed relations' other ends and its events; hop 2: the other participants
  // of those events and the relations of its related entities.
  function neighbourhood(id) {
    var near = adjacency();
    var mine = near[id] || { facts: [], events: [] };
    var first = mine.facts.concat(mine.events);
    var second = [];
    first.forEach(function (other) {
      ((near[other] || {}).facts || []).forEach(function (far) { second.push(far); });
    });
    var unique = function (list, taken) {
      return list.filter(function (n) {
        if (taken[n]) { return false; }
        taken[n] = true;
        return true;
      });
    };
    var taken = {};
    taken[id] = true;
    first = unique(first, taken);
    second = unique(second, taken).slice(0, 200);
    return [first, second];
  }

  var added = []; // a node not drawn, brought in by focus, and its edges
  function bringIn(id) {
    var row = indexed[id];
    var type = data.types[row[2]];
    var facts = reverseRelations()[id] || []; // before the node exists
    nodes.add({ id: id, label: row[1], x: 0, y: 0, size: 8 + 3 * Math.sqrt(row[3]),
                color: data.colors[type], kgType: type, mentions: row[3], entity: true,
                font: { size: 14 }, title: row[1] + " (" + type + ")" });
    var made = facts.map(function (fact, i) {
      return { id: "focus-" + i, from: fact[2] ? id : fact[1], to: fact[2] ? fact[1] : id,
               relation: fact[0], label: edgeLabels ? fact[0] : null, arrows: "to", width: 2,
               color: { color: "#555555", inherit: false } };
    });
    // its events that are drawn, joined to it by its role ("Detainee" -> "detainee")
    (row[4] || []).forEach(function (pair, i) {
      var event = data.event_rows[pair[0]][0];
      if (!nodes.get(event)) { return; }
      var role = pair[1].charAt(0).toLowerCase() + pair[1].slice(1);
      made.push({ id: "focus-event-" + i, from: event, to: id, relation: role,
                  label: edgeLabels ? role : null, width: 1 });
    });
    edges.add(made);
    added = [id, made.map(function (e) { return e.id; })];
    neighbours = null;
    return made.map(function (e) { return e.from === id ? e.to : e.from; });
  }

  // Places `ring` around the origin, beyond `inner`: equal angles, the ring wide enough
  // that two neighbours as large as its largest node stay apart. Returns its outer edge.
  function placeRing(ring, inner, moved) {
    if (!ring.length) { return inner; }
    var widest = Math.max.apply(null, ring.map(function (id) { return nodes.get(id).size; }));
    var radius = inner + widest + 40;
    if (ring.length > 1) {
      radius = Math.max(radius, (widest + 8) / Math.sin(Math.PI / ring.length));
    }
    ring.forEach(function (id, i) {
      var angle = 2 * Math.PI * i / ring.length - Math.PI / 2;
      moved.push({ id: id, x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
    return radius + widest;
  }

  function focus(id) {
    if (!nodes.get(id) && !indexed[id]) { return false; }
    if (focused) { unfocus(); }
    var extra = nodes.get(id) ? [] : bringIn(id);
    var hops = neighbourhood(id);
    hops[0] = hops[0].concat(extra.filter(function (n) { return hops[0].indexOf(n) < 0; }));
    var moved = [{ id: id, x: 0, y: 0 }];
    var outer = placeRing(hops[0], nodes.get(id).size, moved);
    placeRing(hops[1], outer, moved);
    nodes.update(moved);
    focused = {};
    moved.forEach(function (m) { focused[m.id] = true; });
    unfocusButton.hidden = false;
    refresh(true);
    network.selectNodes([id]);
    showDetails(id);
    return true;
  }

  function unfocus() {
    if (!focused) { return; }
    var back = Object.keys(focused).filter(function (id) { return home[id]; })
      .map(function (id) { return { id: id, x: home[id][0], y: home[id][1] }; });
    focused = null;
    if (added.length) {
      edges.remove(added[1]);
      nodes.remove(added[0]);
      added = [];
      neighbours = null;
    }
    nodes.update(back);
    unfocusButton.hidden = true;
    refresh(true);
  }
  state.focus = focus;
  state.unfocus = unfocus;
  var unfocusButton = document.getElementById("kg-unfocus");
  unfocusButton.addEventListener("click", unfocus);

  // ---- timeline: events by date; a range shows its events and their participants ----

  var dated = data.nodes.filter(function (n) { return n.type === "Event" && n.date; });
  function dayRange(date, last) {
    // "2019" covers 2019-01-01..2019-12-31, "2019-12" the month, a day itself
    if (date.length === 4) { return date + (last ? "-12-31" : "-01-01"); }
    if (date.length === 7) { return date + (last ? "-31" : "-01"); }
    return date.slice(0, 10);
  }
  var years = dated.map(function (n) { return Number(n.date.slice(0, 4)); });
  var firstYear = Math.min.apply(null, years.concat([9999]));
  var lastYear = Math.max.apply(null, years.concat([0]));
  var monthly = lastYear - firstYear < 3;
  var bins = []; // [from, to, label]
  for (var year = firstYear; year <= lastYear; year++) {
    if (!monthly) { bins.push([year + "-01-01", year + "-12-31", String(year)]); continue; }
    for (var month = 1; month <= 12; month++) {
      var name = year + "-" + (month < 10 ? "0" : "") + month;
      bins.push([name + "-01", name + "-31", name]);
    }
  }
  var counts = bins.map(function () { return 0; });
  dated.forEach(function (n) {
    var day = dayRange(n.date, false);
    for (var i = 0; i < bins.length; i++) {
      if (day >= bins[i][0] && day <= bins[i][1]) { counts[i] += 1; break; }
    }
  });

  function setRange(from, to) {
    range = from || to ? [from ? dayRange(from, false) : "0000", to ? dayRange(to, true) : "9999"]
      : null;
    inRange = null;
    if (range) {
      inRange = {};
      var near = adjacency();
      nodes.forEach(function (n) {
        if (n.kgType !== "Event" || !n.date) { return; }
        if (dayRange(n.date, true) < range[0] || dayRange(n.date, false) > range[1]) { return; }
        inRange[n.id] = true;
        ((near[n.id] || {}).facts || []).forEach(function (who) { inRange[who] = true; });
      });
    }
    drawTimeline();
    refresh(true);
    return nodeView.length;
  }
  state.timeline = setRange;

  var strip = document.getElementById("kg-timeline");
  var fromInput = document.getElementById("kg-from");
  var toInput = document.getElementById("kg-to");
  var rangeText = document.getElementById("kg-range");
  function drawTimeline() {
    var context = strip.getContext("2d");
    context.clearRect(0, 0, strip.width, strip.height);
    var highest = Math.max.apply(null, counts.concat([1]));
    var width = strip.width / Math.max(bins.length, 1);
    bins.forEach(function (bin, i) {
      var chosen = !range || (bin[1] >= range[0] && bin[0] <= range[1]);
      context.fillStyle = chosen ? "#4c78a8" : "#cfd8e3";
      var height = Math.round((strip.height - 2) * counts[i] / highest);
      context.fillRect(i * width, strip.height - height, Math.max(width - 1, 1), height);
    });
    rangeText.textContent = range
      ? "Events " + range[0].replace("0000", "\u2026") + " to " + range[1].replace("9999", "\u2026")
      : dated.length + " dated events" + (bins.length ? ", " + bins[0][2] + " to " +
        bins[bins.length - 1][2] : "");
  }
  function fromInputs() {
    var a = Number(fromInput.value);
    var b = Number(toInput.value);
    if (a > b) { var swap = a; a = b; b = swap; }
    var whole = a === 0 && b === bins.length - 1;
    setRange(whole ? null : bins[a][0], whole ? null : bins[b][1]);
  }
  document.getElementById("kg-time").hidden = !bins.length;
  fromInput.max = toInput.max = String(Math.max(bins.length - 1, 0));
  fromInput.value = "0";
  toInput.value = String(Math.max(bins.length - 1, 0));
  fromInput.addEventListener("input", fromInputs);
  toInput.addEventListener("input", fromInputs);
  drawTimeline();

  // ---- the controls: types, minimum mentions, co-mentions, search ----

  var legend = document.getElementById("kg-legend");
  data.types.forEach(function (type) {
    if (!data.nodes.some(function (n) { return n.type === type; })) { return; }
    var item = el("li", null, legend);
    var label = el("label", null, item);
    var box = el("input", null, label);
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type;
    box.addEventListener("change", function () {
      hiddenTypes[type] = !box.checked;
      refresh(true);
    });
    el("span", null, label).className = "kg-swatch";
    label.lastChild.style.background = data.colors[type];
    el("span", type, label);
  });

  document.getElementById("kg-min").addEventListener("input", function (event) {
    minMentions = Number(event.target.value) || 0;
    refresh(true);
  });
  var comentionBox = document.getElementById("kg-comentions");
  comentionBox.checked = showComentions;
  comentionBox.addEventListener("change", function () {
    showComentions = comentionBox.checked;
    refresh(false);
  });

  var matches = document.getElementById("kg-matches");
  var search = document.getElementById("kg-search");
  function findMatches() {
    var text = search.value.trim().toLowerCase();
    if (!text) { return []; }
    return ranked(text).slice(0, 20);
  }
  search.addEventListener("input", function () {
    matches.replaceChildren();
    var found = findMatches();
    // the drawn matches are named before the rest, where there is room
    pinned = found.filter(function (n) { return n.drawn !== false; })
      .map(function (n) { return n.id; });
    network.redraw();
    found.forEach(function (n) {
      var more = n.drawn === false ? ", not drawn" : "";
      button(n.label + " (" + n.kgType + more + ")", el("li", null, matches), function () {
        if (n.drawn === false) { focus(n.id); } else { select(n.id); }
      });
    });
  });
  search.addEventListener("keydown", function (event) {
    var found = findMatches();
    if (event.key !== "Enter" || !found.length) { return; }
    if (found[0].drawn === false) { focus(found[0].id); } else { select(found[0].id); }
  });

  refresh(false);
})();
