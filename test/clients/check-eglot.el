;;; check-eglot.el --- open a plan with mktplan-eglot.el and write what flymake gets  -*- lexical-binding: t -*-
;; emacs --batch -l test/clients/mktplan-eglot.el -l test/clients/check-eglot.el
;; with $MKTPLAN_CLIENT_FILE (the plan) and $MKTPLAN_CLIENT_RESULT (where to write
;; `filetype <major mode>', `client <server>' and `diagnostic <line> <code>' lines).
(require 'flymake)
(let ((file (getenv "MKTPLAN_CLIENT_FILE"))
      (result (getenv "MKTPLAN_CLIENT_RESULT"))
      (deadline (+ (float-time) 30))
      lines)
  (find-file file)
  ;; eglot-ensure, flymake-start and idle timers all wait for a command to end:
  ;; batch mode runs none, so run the hook by hand while waiting.
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (run-hooks 'post-command-hook)
    (accept-process-output nil 0.2))
  (let ((settle (+ (float-time) 1)))
    (while (< (float-time) settle) (accept-process-output nil 0.1)))
  (push (format "filetype %s" (symbol-name major-mode)) lines)
  (let ((server (and (fboundp 'eglot-current-server) (eglot-current-server))))
    (when server
      (push (format "client %s" (plist-get (eglot--server-info server) :name)) lines)))
  (dolist (diag (flymake-diagnostics))
    (let ((text (flymake-diagnostic-text diag)))
      (push (format "diagnostic %d %s"
                    (line-number-at-pos (flymake-diagnostic-beg diag))
                    (if (string-match "\\[\\([^]]+\\)\\]" text) (match-string 1 text) "?"))
            lines)))
  (with-temp-file result (insert (mapconcat #'identity (nreverse lines) "\n") "\n"))
  (let ((server (eglot-current-server)))
    (when server (ignore-errors (eglot-shutdown server))))
  (kill-emacs 0))
