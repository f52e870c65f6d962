// newskg page script: draws the graph data of #kg-data with vis-network, physics off
// (positions come from networkx), and wires the search box, the filters and the details
// panel. Every text from the input goes into the page with textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var started = performance.now();
  var hiddenTypes = {};
  var minMentions = 0;

  // An event the article says did not, or may, happen is drawn hollow: a ring of its colour.
  var hollow = function (n) { return n.factuality && n.factuality !== "asserted"; };
  var ring = function (color) {
    var shade = { background: "#ffffff", border: color };
    return { background: "#ffffff", border: color, highlight: shade, hover: shade };
  };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size,
      color: hollow(n) ? ring(n.color) : n.color,
      borderWidth: hollow(n) ? 3 : 1,
      kgType: n.type, mentions: n.mentions, entity: n.entity,
      article: n.article, factuality: n.factuality,
      title: n.label + " (" + n.type + ")"
    };
  }));
  document.getElementById("kg-hollow").hidden = !data.nodes.some(hollow);
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label || undefined, title: e.title,
             value: e.value, relation: data.relations[e.r] };
  }));
  var visible = function (n) {
    return !hiddenTypes[n.kgType] && (!n.entity || n.mentions >= minMentions);
  };
  var nodeView = new vis.DataView(nodes, { filter: visible });
  var large = data.nodes.length > 300;
  var network = new vis.Network(document.getElementById("kg-graph"),
    { nodes: nodeView, edges: edges },
    {
      physics: { enabled: false },
      layout: { improvedLayout: false, randomSeed: 42 },
      interaction: { hover: !large, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                     tooltipDelay: 150 },
      nodes: { shape: "dot", borderWidth: 1, font: { size: 14 } },
      edges: { color: { color: "#b0b0b0", inherit: false }, smooth: false,
               font: { size: 10, align: "middle" },
               scaling: { min: 1, max: 6, label: { enabled: false } } }
    });

  // window.newskg: the page's API for tests and for pages that embed it (see the README).
  // nodes(), edges(), select(id), search(text); network, nodeSet, edgeSet and view are
  // vis-network's own objects.
  var state = { network: network, nodeSet: nodes, edgeSet: edges, view: nodeView,
                firstDrawMs: null };
  window.newskg = state;
  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now() - started;
  });

  function el(tag, text, parent) {
    var made = document.createElement(tag);
    if (text !== undefined && text !== null) { made.textContent = String(text); }
    if (parent) { parent.appendChild(made); }
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

  // A name that selects its node when clicked, or plain text where the node is not drawn.
  function nodeLink(id, text, parent) {
    if (!nodes.get(id)) { return el("span", text, parent); }
    var button = el("button", text, parent);
    button.type = "button";
    button.className = "kg-link";
    button.dataset.node = id;
    button.addEventListener("click", function () { select(id); });
    return button;
  }

  function nameOf(id) {
    var node = nodes.get(id);
    return node ? node.label : (data.names[id] || id);
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

  // An entity's relations ("citizenOf → Russia"; "← basedIn: Kaspersky Lab" when it is the
  // object), its events with role, date and factuality, and the quotes of its statements.
  function showFacts(info) {
    if (info.relations) {
      el("b", "Relations", panel);
      var relations = el("ul", null, panel);
      info.relations.forEach(function (fact) {
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
      info.events.forEach(function (pair) {
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
      info.quotes.forEach(function (pair) {
        var quote = el("blockquote", "\u201c" + pair[0] + "\u201d", panel);
        quote.className = "kg-quote";
        if (pair[1] !== null) { articleItem(pair[1], el("ul", null, quote)); }
      });
    }
  }

  function showDetails(id) {
    var node = nodes.get(id);
    if (!node) { panel.hidden = true; return; }
    panel.replaceChildren();
    panel.hidden = false;
    if (Object.prototype.hasOwnProperty.call(data.events, id)) {
      showEvent(data.events[id]);
      return;
    }
    el("h2", node.label, panel);
    el("div", "Type: " + node.kgType, panel);
    var info = data.details[id];
    if (!info) {
      // An article: its own link, then the entities it names.
      if (node.article !== null && node.article !== undefined) {
        articleItem(node.article, el("ul", null, panel));
      }
      el("b", "Connected", panel);
      var named = el("ul", null, panel);
      network.getConnectedNodes(id).sort().forEach(function (other) {
        el("li", nodes.get(other).label, named);
      });
      return;
    }
    el("div", "Mentions: " + node.mentions, panel);
    if (info.aliases.length) { el("div", "Also called: " + info.aliases.join(", "), panel); }
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
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); } else { panel.hidden = true; }
  });

  // Select a node, centre the view on it and open its details; false for an unknown id.
  // A node the filters hide still shows its details.
  function select(id) {
    if (!nodes.get(id)) { return false; }
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
    return edges.get({ filter: function (e) {
      return nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
    } }).map(function (e) { return { source: e.from, target: e.to, relation: e.relation }; });
  };
  state.select = select;
  // The ids of the drawn nodes whose name or alias holds `text` (case-insensitive).
  state.search = function (text) {
    return ranked(String(text).trim().toLowerCase()).map(function (n) { return n.id; });
  };
  // The drawn nodes that match, entities first (most mentioned first), then events and
  // articles: "Selez" finds Roman Seleznev before "Roman Seleznev arrested".
  function ranked(wanted) {
    if (!wanted) { return []; }
    return nodeView.get({ filter: function (n) { return matchesText(n, wanted); } })
      .sort(function (a, b) {
        return (b.entity - a.entity) || (b.mentions - a.mentions) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
  }
  function matchesText(node, wanted) {
    if (node.label.toLowerCase().indexOf(wanted) !== -1) { return true; }
    var info = data.details[node.id];
    return Boolean(info) && info.aliases.some(function (alias) {
      return alias.toLowerCase().indexOf(wanted) !== -1;
    });
  }

  var count = document.getElementById("kg-count");
  function refresh() {
    nodeView.refresh();
    count.textContent = "Showing " + nodeView.length + " of " + nodes.length + " nodes";
  }

  var legend = document.getElementById("kg-legend");
  data.types.forEach(function (type) {
    var item = el("li", null, legend);
    var label = el("label", null, item);
    var box = el("input", null, label);
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type;
    box.addEventListener("change", function () {
      hiddenTypes[type] = !box.checked;
      refresh();
    });
    el("span", null, label).className = "kg-swatch";
    label.lastChild.style.background = data.colors[type];
    el("span", type, label);
  });

  document.getElementById("kg-min").addEventListener("input", function (event) {
    minMentions = Number(event.target.value) || 0;
    refresh();
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
    findMatches().forEach(function (n) {
      var button = el("button", n.label + " (" + n.kgType + ")", el("li", null, matches));
      button.type = "button";
      button.addEventListener("click", function () { select(n.id); });
    });
  });
  search.addEventListener("keydown", function (event) {
    var found = findMatches();
    if (event.key === "Enter" && found.length) { select(found[0].id); }
  });

  refresh();
})();
