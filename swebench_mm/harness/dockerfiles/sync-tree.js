// swebench-mm: make DEST's tree identical to SOURCE's, writing only what differs.
//
// An instance whose dependency manifests differ from its env's setup commit reinstalls in a scratch copy
// of /testbed (SOURCE), and this puts the result into /testbed (DEST). Installing in place would have the
// package manager rewrite most of node_modules, and every file rewritten in an image layer is stored
// again in full, unchanged or not; here a file is written only when its content, mode or link target
// differs, so the instance layer holds the dependency change and no more.
//
// SOURCE's path has the length of DEST's, so a path an install wrote into a file (a pnpm shim, a
// node-gyp Makefile) is swapped back byte for byte, binaries included. DEST's top-level .git is left
// alone. Plain ES5 and Buffer calls of Node 4, the oldest Node this runs under (older ones install in
// place). Usage: node sync-tree.js SOURCE DEST; prints what it wrote.
"use strict";
var fs = require("fs");
var path = require("path");

var source = process.argv[2];
var dest = process.argv[3];
if (!source || !dest || source.length !== dest.length) {
  console.error("usage: node sync-tree.js SOURCE DEST (paths of equal length)");
  process.exit(2);
}
var sourceBytes = new Buffer(source);
var destBytes = new Buffer(dest);
var counts = { written: 0, removed: 0, kept: 0, bytes: 0 };

function swapPaths(buffer) {
  var at = buffer.indexOf(sourceBytes);
  while (at !== -1) {
    destBytes.copy(buffer, at);
    at = buffer.indexOf(sourceBytes, at + destBytes.length);
  }
  return buffer;
}

function lstatOrNull(file) {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
    throw error;
  }
}

function remove(file) {
  var stat = lstatOrNull(file);
  if (!stat) return;
  if (stat.isDirectory()) {
    fs.readdirSync(file).forEach(function (name) { remove(path.join(file, name)); });
    fs.rmdirSync(file);
  } else {
    fs.unlinkSync(file);
  }
  counts.removed += 1;
}

function syncFile(from, to, fromStat, toStat) {
  var content = swapPaths(fs.readFileSync(from));
  if (toStat && toStat.isFile() && toStat.size === content.length &&
      content.equals(fs.readFileSync(to))) {
    if ((toStat.mode & 4095) !== (fromStat.mode & 4095)) fs.chmodSync(to, fromStat.mode & 4095);
    counts.kept += 1;
    return;
  }
  if (toStat) remove(to);
  fs.writeFileSync(to, content, { mode: fromStat.mode & 4095 });
  fs.chmodSync(to, fromStat.mode & 4095);  // writeFileSync's mode passes through the umask
  counts.written += 1;
  counts.bytes += content.length;
}

function syncLink(from, to, toStat) {
  var target = fs.readlinkSync(from).split(source).join(dest);
  if (toStat && toStat.isSymbolicLink() && fs.readlinkSync(to) === target) {
    counts.kept += 1;
    return;
  }
  if (toStat) remove(to);
  fs.symlinkSync(target, to);
  counts.written += 1;
}

function syncDirectory(from, to, top) {
  var fromStat = fs.lstatSync(from);
  var toStat = lstatOrNull(to);
  if (toStat && !toStat.isDirectory()) {
    remove(to);
    toStat = null;
  }
  if (!toStat) {
    fs.mkdirSync(to);
    counts.written += 1;
  }
  if (!toStat || (toStat.mode & 4095) !== (fromStat.mode & 4095)) fs.chmodSync(to, fromStat.mode & 4095);
  var names = fs.readdirSync(from);
  var wanted = {};
  names.forEach(function (name) {
    wanted[name] = true;
    if (top && name === ".git") return;
    var fromChild = path.join(from, name);
    var toChild = path.join(to, name);
    var childStat = fs.lstatSync(fromChild);
    var existing = lstatOrNull(toChild);
    if (childStat.isDirectory()) syncDirectory(fromChild, toChild, false);
    else if (childStat.isSymbolicLink()) syncLink(fromChild, toChild, existing);
    else if (childStat.isFile()) syncFile(fromChild, toChild, childStat, existing);
  });
  fs.readdirSync(to).forEach(function (name) {
    if (!wanted[name] && !(top && name === ".git")) remove(path.join(to, name));
  });
}

syncDirectory(source, dest, true);
console.log("swebench-mm: reinstalled tree synced into " + dest + ": " + counts.written + " written (" +
            Math.round(counts.bytes / 1048576) + " MB), " + counts.removed + " removed, " + counts.kept +
            " unchanged");
