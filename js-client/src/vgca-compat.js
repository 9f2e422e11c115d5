/*
 * Kyso Agent — drop-in replacement for VGCA's vgcaplugin.js.
 *
 *   <script src="/js/kyso/vgca-compat.js"></script>
 *   <script src="/js/kyso/vgca-compat.js" data-agent-url="http://127.0.0.1:18443"></script>
 *
 * A classic script (no type="module" needed): it defines vgca_sign_approved, vgca_sign_issued, vgca_sign_copy,
 * vgca_sign_appendix, vgca_sign_income, vgca_comment, vgca_sign_files, vgca_sign_msg, vgca_verify_pdf,
 * vgca_sign_xml, vgca_verify_xml, vgca_sign_file, vgca_verify_msg, vgca_sign_office, vgca_verify_office (these two
 * answer NOT_SUPPORTED),
 * vgca_get_certinfo and vgca_get_version at once, with the old arguments and callback shapes, and loads the rest of
 * the client (vgca-legacy.js and the js-client modules) from its own folder on the first call. The agent's address
 * comes from the data-agent-url attribute, else window.KYSO_AGENT_URL, else http://127.0.0.1:18443.
 * Guide: docs/vgca-migration.md.
 */
(function (global) {
  'use strict';

  var NAMES = ['vgca_sign_approved', 'vgca_sign_issued', 'vgca_sign_copy', 'vgca_sign_appendix', 'vgca_sign_income',
    'vgca_comment', 'vgca_sign_files', 'vgca_sign_msg', 'vgca_verify_pdf', 'vgca_sign_xml', 'vgca_verify_xml',
    'vgca_sign_file', 'vgca_verify_msg', 'vgca_sign_office', 'vgca_verify_office', 'vgca_get_certinfo',
    'vgca_get_version'];
  // The same code and texts as CLIENT_SCRIPT_LOAD_FAILED in errors.js: this script cannot read them when loading failed.
  var LOAD_FAILED = {
    Status: 1,
    Message: 'Không tải được thư viện Kyso Agent (vgca-legacy.js) đặt cùng thư mục với vgca-compat.js. Hãy báo ' +
      'bộ phận quản trị hệ thống kiểm tra các tệp của thư viện trên máy chủ.',
    MessageEn: 'Could not load the Kyso Agent library (vgca-legacy.js) from the folder of vgca-compat.js. Ask the ' +
      'system administrators to check the library files on the server.',
    ErrorCode: 'CLIENT_SCRIPT_LOAD_FAILED'
  };

  var script = global.document && global.document.currentScript;
  var base = (script && script.src) || (global.location && global.location.href);
  var configuredUrl = script && script.getAttribute ? script.getAttribute('data-agent-url') : null;
  var loading = null;

  function agentUrl () {
    return configuredUrl || global.KYSO_AGENT_URL || undefined;
  }

  function bridge () {
    if (!loading) {
      loading = import(new URL('vgca-legacy.js', base).href).then(function (legacy) {
        return new legacy.LegacyBridge({ url: agentUrl });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function answerLoadFailure (args) {
    var list = Array.prototype.slice.call(args);
    for (var i = list.length - 1; i >= 0; i--) {
      if (typeof list[i] === 'function') {
        var text = JSON.stringify(LOAD_FAILED);
        if (i >= 2) list[i](list[0], text);
        else list[i](text);
        return;
      }
    }
  }

  NAMES.forEach(function (name) {
    global[name] = function () {
      var args = arguments;
      bridge().then(function (b) { return b.invoke(name, args); }, function (error) {
        if (global.console) global.console.error('Kyso Agent: ' + LOAD_FAILED.MessageEn, error);
        answerLoadFailure(args);
      });
    };
  });

  /** For pages that want more than the old API: the agent's address in use and a way to drop the connection. */
  global.KysoVgca = {
    agentUrl: function () { return agentUrl() || 'http://127.0.0.1:18443'; },
    close: function () { return loading ? loading.then(function (b) { return b.close(); }) : Promise.resolve(); }
  };
})(typeof window !== 'undefined' ? window : globalThis);
