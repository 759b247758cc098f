@echo off
rem wskemu launcher of the distribution archive for Windows: runs the command line from the lib\
rem beside this bin\, wherever the archive was unpacked. Exit statuses 0-3 are wskemu's own (see
rem --help); the launcher's own failure is 4: no Java 17 or later.
setlocal
set "WSKEMU_HOME=%~dp0.."
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" (
  set "WSKEMU_JAVA=%JAVA_HOME%\bin\java.exe"
  goto run
)
where java >nul 2>nul
if errorlevel 1 (
  echo wskemu: Java 17 or later is needed ^(set JAVA_HOME or put java on the PATH^) 1>&2
  exit /b 4
)
set "WSKEMU_JAVA=java"
:run
"%WSKEMU_JAVA%" %WSKEMU_JAVA_OPTS% -cp "%WSKEMU_HOME%\lib\*" org.wskemu.cli.Wskemu %*
exit /b %ERRORLEVEL%
